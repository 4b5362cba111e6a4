// Everything a handler gets: the validated request and the application's services, plus the
// helpers that build a page inside the layout.
#pragma once

#include "app/Services.h"
#include "http/Request.h"
#include "http/Response.h"
#include "http/Templates.h"

namespace kituo::http {

class RequestContext {
public:
    RequestContext(Request& request, app::Services& services)
        : request(request), services(services) {}

    // Renders template `name` with `view` inside the layout, titled `title`.
    Response page(const std::string& name, const std::string& title, const View& view,
                  int status = 200) const;
    // The data the layout needs (title, request id); handlers may add to it.
    View layoutView(const std::string& title) const;

    Request& request;
    app::Services& services;
};

}  // namespace kituo::http
