// Page helpers; see RequestContext.h.
#include "http/RequestContext.h"

namespace kituo::http {

View RequestContext::layoutView(const std::string& title) const {
    View v;
    v.set("title", title);
    v.set("request_id", request.requestId);
    return v;
}

Response RequestContext::page(const std::string& name, const std::string& title, const View& view,
                              int status) const {
    return Response::html(services.templates.renderPage(name, view, layoutView(title)), status);
}

}  // namespace kituo::http
