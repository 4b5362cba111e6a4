// A parsed, validated request, independent of Poco so that handlers and rules can be tested
// without sockets. By the time a handler sees it, the path, query and body are valid UTF-8 and
// the body is within the configured size limit.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace kituo::http {

using Params = std::multimap<std::string, std::string>;

struct Request {
    std::string method;
    std::string path;  // percent-decoded
    Params query;
    Params form;       // application/x-www-form-urlencoded bodies only
    std::map<std::string, std::string> pathParams;
    std::map<std::string, std::string> cookies;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string contentType;
    std::string body;
    std::string requestId;
    std::string clientAddress;

    // First value of a query/form parameter, or empty.
    static std::string first(const Params& p, const std::string& key) {
        auto it = p.find(key);
        return it == p.end() ? std::string() : it->second;
    }
    std::string queryParam(const std::string& key) const { return first(query, key); }
    std::string formParam(const std::string& key) const { return first(form, key); }
    std::string pathParam(const std::string& key) const {
        auto it = pathParams.find(key);
        return it == pathParams.end() ? std::string() : it->second;
    }
};

}  // namespace kituo::http
