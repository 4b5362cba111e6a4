// The Poco request handler every request goes through, in this order:
//   1. request id and timer; 2. URI parse and decode (400 on malformed or non-UTF-8);
//   3. body read within the size limit (413 before reading when Content-Length is too large;
//      400 when the body is not UTF-8); 4. route match (404, or 405 with Allow);
//   5. permission check; 6. the handler; domain errors map to statuses here and only here;
//   7. security headers on every response; 8. one access-log line.
// HEAD is answered as GET without a body.
#pragma once

#include "app/Services.h"
#include "http/Router.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace kituo::http {

class DispatcherFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    DispatcherFactory(const Router& router, app::Services& services)
        : _router(router), _services(services) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;

private:
    const Router& _router;
    app::Services& _services;
};

// The headers every response carries.
void addSecurityHeaders(Response& response);

// Compresses a text response of 1 KiB or more with gzip when the client accepts it (pages,
// stylesheets and CSV on thin links); behind nginx, nginx may do it instead (ops/nginx.conf).
void compressIfAccepted(const Request& request, Response& response);

}  // namespace kituo::http
