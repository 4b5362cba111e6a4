// Error page rendering; see ErrorPages.h.
#include "http/ErrorPages.h"

namespace kituo::http {
namespace {

std::string defaultMessage(int status) {
    switch (status) {
        case 400: return "The request could not be understood. Check what you entered and try again.";
        case 403: return "You do not have permission to do that.";
        case 404: return "There is nothing at this address, or you do not have access to it.";
        case 405: return "This address does not accept that kind of request.";
        case 409: return "Someone else changed this record while you were editing it.";
        case 413: return "What you sent is larger than Kituo accepts.";
        case 429: return "Too many requests from your address. Wait a minute and try again.";
        case 503: return "Kituo cannot reach its database right now. Try again in a minute.";
        default: return "Something went wrong on our side. If it happens again, give the "
                        "request id below to your administrator.";
    }
}

}  // namespace

std::string statusTitle(int status) {
    switch (status) {
        case 400: return "Bad request";
        case 403: return "Forbidden";
        case 404: return "Not found";
        case 405: return "Method not allowed";
        case 409: return "Conflict";
        case 413: return "Request too large";
        case 429: return "Too many requests";
        case 503: return "Service unavailable";
        default: return "Server error";
    }
}

Response errorPage(const Templates& templates, int status, const std::string& message,
                   const std::string& requestId,
                   const std::map<std::string, std::string>& fieldErrors, const View* layout) {
    const std::string title = statusTitle(status);
    const std::string text = (message.empty() || status >= 500) ? defaultMessage(status) : message;
    try {
        View view;
        view.set("status", std::to_string(status));
        view.set("title", title);
        view.set("message", text);
        view.set("request_id", requestId);
        View errors = View::type::list;
        for (const auto& [field, msg] : fieldErrors) {
            View e;
            e.set("field", field);
            e.set("message", msg);
            errors.push_back(e);
        }
        view.set("field_errors", errors);
        view.set("has_field_errors", !fieldErrors.empty());
        View page = layout ? *layout : View();
        page.set("title", title);
        page.set("request_id", requestId);
        return Response::html(templates.renderPage("errors/error", view, page), status);
    } catch (const std::exception&) {
        return Response::text(std::to_string(status) + " " + title + "\n" + text +
                                  "\nRequest id: " + requestId + "\n",
                              status);
    }
}

}  // namespace kituo::http
