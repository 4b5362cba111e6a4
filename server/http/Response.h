// What a handler returns. The Dispatcher adds the security headers, Content-Length and the
// request id, so handlers only say what is specific to them.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace kituo::http {

struct Response {
    int status = 200;
    std::string contentType = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // Dynamic pages are private and not cached unless a handler says otherwise.
    std::string cacheControl = "no-store";

    static Response html(std::string body, int status = 200) {
        Response r;
        r.status = status;
        r.body = std::move(body);
        return r;
    }
    static Response text(std::string body, int status = 200) {
        Response r;
        r.status = status;
        r.contentType = "text/plain; charset=utf-8";
        r.body = std::move(body);
        return r;
    }
    // 303 See Other: the post/redirect/get step after a successful form.
    static Response redirect(const std::string& location, int status = 303) {
        Response r;
        r.status = status;
        r.headers.emplace_back("Location", location);
        return r;
    }
};

}  // namespace kituo::http
