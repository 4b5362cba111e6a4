// Request pipeline; see Dispatcher.h.
#include "http/Dispatcher.h"

#include "http/RefusalCounter.h"

#include "crypto/Hash.h"
#include "domain/Errors.h"
#include "domain/Utf8.h"
#include "http/ErrorPages.h"
#include "http/Forms.h"
#include "http/Multipart.h"
#include "auth/Policy.h"
#include "http/RequestContext.h"
#include "http/Session.h"
#include "store/SubmissionStore.h"

#include <Poco/DeflatingStream.h>
#include <Poco/URI.h>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/String.h>

#include <cctype>
#include <chrono>
#include <thread>
#include <cstdio>
#include <sstream>
#include <string_view>

namespace kituo::http {
namespace {

constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

class Dispatcher : public Poco::Net::HTTPRequestHandler {
public:
    Dispatcher(const Router& router, app::Services& services)
        : _router(router), _services(services) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
        const auto started = std::chrono::steady_clock::now();
        Request req;
        req.requestId = crypto::randomHex(8);
        req.method = in.getMethod();
        req.clientAddress = clientAddress(in);
        bool closeAfter = false;
        Response res;
        HeaderList extraHeaders;  // cookies set or cleared, kept whatever the outcome
        std::optional<CurrentUser> signedIn;  // known once the session is read
        // An error page in the signed-in user's layout (navigation, Sign out) when there is one.
        auto error = [&](int status, const std::string& message,
                         const std::map<std::string, std::string>& fields = {}) {
            if (!signedIn) return errorPage(_services.templates, status, message, req.requestId, fields);
            RequestContext ctx(req, _services);
            ctx.user = signedIn;
            const View layout = ctx.layoutView(statusTitle(status));
            return errorPage(_services.templates, status, message, req.requestId, fields, &layout);
        };
        try {
            res = process(in, req, closeAfter, extraHeaders, signedIn);
        } catch (const domain::ValidationError& e) {
            res = error(400, e.what(), e.fieldErrors());
        } catch (const domain::BadRequest& e) {
            res = error(400, e.what());
        } catch (const domain::NotFound& e) {
            res = error(404, "");
        } catch (const domain::Forbidden& e) {
            res = error(403, e.what());
        } catch (const domain::Conflict& e) {
            res = error(409, e.what());
        } catch (const domain::TooLarge& e) {
            closeAfter = true;
            res = error(413, e.what());
        } catch (const domain::Unavailable& e) {
            res = error(503, e.what());
            res.headers.emplace_back("Retry-After", "5");
        } catch (const std::exception& e) {
            Poco::Logger::get("kituo.http").error("request %s %s %s failed: %s", req.requestId,
                                                  req.method, req.path, std::string(e.what()));
            res = error(500, "");
        }
        for (auto& h : extraHeaders) res.headers.push_back(std::move(h));
        send(out, res, req, closeAfter);
        if (_services.config.accessLog) {
            const double ms = std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - started).count();
            char msText[32];
            std::snprintf(msText, sizeof msText, "%.2f", ms);
            Poco::Logger::get("kituo.access").information(
                "method=%s path=%s status=%d ms=%s rid=%s ip=%s", req.method,
                req.path.empty() ? in.getURI() : req.path, res.status, std::string(msText),
                req.requestId, req.clientAddress);
        }
    }

private:
    std::string clientAddress(const Poco::Net::HTTPServerRequest& in) const {
        if (_services.config.trustProxy) {
            const std::string real = in.get("X-Real-IP", "");
            if (!real.empty() && real.size() <= 64) return real;
        }
        return in.clientAddress().host().toString();
    }

    Response process(Poco::Net::HTTPServerRequest& in, Request& req, bool& closeAfter,
                     HeaderList& extraHeaders, std::optional<CurrentUser>& signedIn) {
        parseRequestTarget(in.getURI(), req);
        // Poco accepts any version and a header line without a colon (as a name with spaces);
        // neither is HTTP, and a negative Content-Length must not reach the body reader.
        if (in.getVersion() != "HTTP/1.1" && in.getVersion() != "HTTP/1.0") {
            throw domain::BadRequest("The request is not HTTP/1.1.");
        }
        for (const auto& [name, value] : in) {
            if (!isHeaderName(name)) throw domain::BadRequest("The request has a malformed header.");
            req.headers[Poco::toLower(name)] = value;
        }
        if (in.hasContentLength() && in.getContentLength64() < 0) {
            throw domain::BadRequest("The request's Content-Length is malformed.");
        }
        req.cookies = parseCookies(in.get("Cookie", ""));
        req.contentType = in.getContentType();

        // A declared body larger than any route accepts is refused before anything else.
        const std::size_t globalLimit = _services.config.maxBodyBytes;
        if (in.hasContentLength() && in.getContentLength64() > static_cast<Poco::Int64>(globalLimit)) {
            drainBody(in, closeAfter, globalLimit);
        }

        const std::string matchMethod = req.method == "HEAD" ? "GET" : req.method;
        RouteMatch m = _router.match(matchMethod, req.path);
        if (!m.route) {
            drainBody(in, closeAfter, globalLimit);
            signedIn = authenticate(req, _services, extraHeaders);  // the error page keeps their layout
            if (m.allowedMethods.empty()) throw domain::NotFound("no route");
            RequestContext refused(req, _services);
            refused.user = signedIn;
            Response r = signedIn ? signedInError(refused, 405, "") : errorPage(_services.templates, 405, "", req.requestId);
            for (auto& h : refused.responseHeaders) extraHeaders.push_back(std::move(h));
            std::string allow;
            for (const auto& method : m.allowedMethods) {
                allow += (allow.empty() ? "" : ", ") + method;
                if (method == "GET") allow += ", HEAD";
            }
            r.headers.emplace_back("Allow", allow);
            return r;
        }
        req.pathParams = std::move(m.params);
        RequestContext ctx(req, _services);
        struct HeaderHandOver {  // whatever happens, the context's cookies reach the response
            RequestContext& ctx;
            HeaderList& out;
            ~HeaderHandOver() {
                for (auto& h : ctx.responseHeaders) out.push_back(std::move(h));
            }
        } handOver{ctx, extraHeaders};
        ctx.user = authenticate(req, _services, ctx.responseHeaders);
        signedIn = ctx.user;
        if (!ctx.user && _services.refusals.overLimit(req.clientAddress)) {
            _services.refusals.count(req.clientAddress, "throttled " + req.method + " " + m.route->pattern);
            drainBody(in, closeAfter, globalLimit);
            return tooManyRefusals(req);
        }
        // Route and session are known: refusals happen before a byte of the body is read.
        if (auto refusal = guard(ctx, *m.route)) {
            drainBody(in, closeAfter, globalLimit);
            return *refusal;
        }
        const BodyLimits& limits = m.route->limits;
        readBody(in, req, closeAfter, limits.upload ? globalLimit : std::min(limits.maxBytes, globalLimit));
        if (Poco::icompare(req.contentType.substr(0, 33), "application/x-www-form-urlencoded") == 0) {
            req.form = parseUrlEncoded(req.body, limits.maxFields, limits.maxFieldBytes);
        }
        if (auto refusal = checkCsrf(ctx, *m.route)) return *refusal;
        const bool unsafe = req.method != "GET" && req.method != "HEAD";
        if (unsafe && ctx.user && *m.route->permission != auth::Permission::Public) {
            if (_services.readDb) {
                const long seconds = _services.config.readYourWritesSec;
                ctx.responseHeaders.emplace_back(
                    "Set-Cookie", cookieHeader(kPrimaryUntilCookie, std::to_string(ctx.now() + seconds),
                                               secureRequest(req, _services), seconds));
            }
            return once(ctx, *m.route);
        }
        return m.route->handler(ctx);
    }

    // Runs a signed-in user's form submission once: the same form sent again by the same session
    // (same address and body, within ten minutes; a double click on a slow link) is answered
    // with the first one's result instead of being done twice. A submission that did not end
    // in a redirect is forgotten, so it can be sent again.
    Response once(RequestContext& ctx, const Route& route) {
        const Request& req = ctx.request;
        const std::string key = crypto::sha256Hex(std::to_string(ctx.user->sessionId) + "\n" + req.method + " " +
                                                  req.path + "\n" + req.contentType + "\n" + req.body);
        store::SubmissionStore submissions(_services.db);
        // The first one's answer again: its redirect, and its message for the next page.
        auto replay = [&](const store::SubmissionClaim& first) {
            if (!first.flash.empty()) ctx.responseHeaders.emplace_back("Set-Cookie", first.flash);
            return Response::redirect(first.location, 303);
        };
        const auto claim = submissions.claim(key, ctx.user->sessionId, ctx.now());
        if (claim.state == store::SubmissionClaim::State::Done) return replay(claim);
        if (claim.state == store::SubmissionClaim::State::Pending) {
            for (int i = 0; i < 50; ++i) {  // the first is still running: wait for its result
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                if (auto done = submissions.result(key)) return replay(*done);
            }
            throw domain::Conflict("This form is still being saved. Reload the page in a moment to see the result.");
        }
        Response r;
        try {
            r = route.handler(ctx);
        } catch (...) {
            releaseQuietly(submissions, key);
            throw;
        }
        std::string location;
        for (const auto& [name, value] : r.headers) {
            if (name == "Location") location = value;
        }
        std::string flash;
        for (const auto& [name, value] : ctx.responseHeaders) {
            if (name == "Set-Cookie" && value.rfind(std::string(kFlashCookie) + "=", 0) == 0) flash = value;
        }
        if ((r.status == 302 || r.status == 303) && !location.empty()) submissions.complete(key, location, flash);
        else releaseQuietly(submissions, key);
        return r;
    }

    static void releaseQuietly(store::SubmissionStore& submissions, const std::string& key) noexcept {
        try {
            submissions.release(key);
        } catch (...) {
            // The key expires by itself after ten minutes.
        }
    }

    // An error page in the layout of the context's user (navigation, Sign out).
    Response signedInError(RequestContext& ctx, int status, const std::string& message) {
        const View layout = ctx.layoutView(statusTitle(status));
        return errorPage(_services.templates, status, message, ctx.request.requestId, {}, &layout);
    }

    Response tooManyRefusals(const Request& req) {
        Response r = errorPage(_services.templates, 429,
                               "Too many refused requests from your address; wait a minute and try again.",
                               req.requestId);
        r.headers.emplace_back("Retry-After", std::to_string(_services.config.anonymousSummarySec));
        return r;
    }

    // An anonymous refusal is counted (one summary audit event per interval), never audited
    // one by one; a signed-in user's refusal is audited.
    void refused(RequestContext& ctx, const Route& route, const std::string& action,
                 const std::string& outcome) {
        const Request& req = ctx.request;
        if (ctx.user) {
            ctx.audit(action, "route", route.pattern, outcome, req.method + " " + req.path);
        } else {
            _services.refusals.count(req.clientAddress, action + " " + req.method + " " + route.pattern);
        }
    }

    // Deny by default: the route's permission, the forced password change and the forced
    // second-factor enrolment are checked here, before the body is read and before any handler
    // runs. Returns the refusal, or nothing.
    std::optional<Response> guard(RequestContext& ctx, const Route& route) {
        const Request& req = ctx.request;
        const bool safeMethod = req.method == "GET" || req.method == "HEAD";
        const auth::Permission permission = *route.permission;
        if (permission == auth::Permission::Public) return std::nullopt;
        if (!ctx.user) {
            if (safeMethod) {
                std::string target = req.path;
                std::string encoded;
                Poco::URI::encode(target, "?&=#+%", encoded);
                return Response::redirect("/login?next=" + encoded, 302);
            }
            refused(ctx, route, "access.denied", "anonymous");
            return errorPage(_services.templates, 403, "Sign in first.", req.requestId);
        }
        if (ctx.user->mustChangePassword && !auth::allowedWhilePasswordChangeRequired(req.path)) {
            if (safeMethod) return Response::redirect("/account/password", 302);
            return signedInError(ctx, 403, "Change your password first.");
        }
        if (ctx.user->secondFactorEnrolmentRequired && !auth::allowedWhileEnrolmentRequired(req.path)) {
            if (safeMethod) return Response::redirect("/account/two-factor", 302);
            return signedInError(ctx, 403, "Set up your second factor first.");
        }
        if (!auth::allows(ctx.user->actor.role, permission)) {
            refused(ctx, route, "access.denied", "forbidden");
            return signedInError(ctx, 403, "");
        }
        return std::nullopt;
    }

    // Every unsafe method carries the form's CSRF token (checked once the body is read).
    std::optional<Response> checkCsrf(RequestContext& ctx, const Route& route) {
        const Request& req = ctx.request;
        if (req.method == "GET" || req.method == "HEAD") return std::nullopt;
        const auth::Permission permission = *route.permission;
        const auto& session = permission == auth::Permission::Public ? std::optional<CurrentUser>() : ctx.user;
        // A multipart form's token is one of its parts.
        if (req.form.empty() && Poco::icompare(req.contentType.substr(0, 19), "multipart/form-data") == 0) {
            for (auto& [k, v] : parseMultipart(req).fields) ctx.request.form.emplace(k, v);
        }
        if (csrfValid(req, session)) return std::nullopt;
        refused(ctx, route, "csrf.rejected", "denied");
        const std::string message =
            "The form has expired or did not come from Kituo. Go back, reload the page and try again.";
        if (session) return signedInError(ctx, 403, message);
        return errorPage(_services.templates, 403, message, req.requestId);
    }

    // Reads and discards a body that will not be used, so the client can read the answer
    // instead of a connection reset. Nothing is kept in memory. Up to `limit` bytes, the
    // connection stays usable; a larger body is drained (at most kDrainCap more bytes), the
    // connection is closed after the answer, and the answer is 413.
    static constexpr std::size_t kDrainCap = 16 * 1024 * 1024;

    // A header name is an RFC 9110 token.
    static bool isHeaderName(const std::string& name) {
        if (name.empty()) return false;
        for (unsigned char c : name) {
            if (!std::isalnum(c) && std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) == std::string_view::npos) {
                return false;
            }
        }
        return true;
    }

    static void drainBody(Poco::Net::HTTPServerRequest& in, bool& closeAfter, std::size_t limit) {
        const bool hasLength = in.hasContentLength();
        if (!hasLength && !in.getChunkedTransferEncoding()) return;
        if (hasLength && in.getContentLength64() == 0) return;
        const bool declaredTooLarge = hasLength && in.getContentLength64() > static_cast<Poco::Int64>(limit);
        if (declaredTooLarge && in.getContentLength64() > static_cast<Poco::Int64>(limit + kDrainCap)) {
            closeAfter = true;  // the unread rest must never be taken for the next request
            throw domain::TooLarge(tooLargeMessage(limit));
        }
        std::istream& stream = in.stream();
        char buf[16384];
        std::size_t total = 0;
        while (total <= limit + kDrainCap && (stream.read(buf, sizeof buf) || stream.gcount() > 0)) {
            total += static_cast<std::size_t>(stream.gcount());
        }
        if (total > limit) {
            closeAfter = true;
            throw domain::TooLarge(tooLargeMessage(limit));
        }
    }

    static std::string tooLargeMessage(std::size_t limit) {
        return "The request body is larger than " + std::to_string(limit / 1024) + " KiB.";
    }

    // Reads the body within `limit`. An oversized body is drained (see drainBody) before the 413.
    void readBody(Poco::Net::HTTPServerRequest& in, Request& req, bool& closeAfter, std::size_t limit) {
        const bool hasLength = in.hasContentLength();
        if (!hasLength && !in.getChunkedTransferEncoding()) return;
        if (hasLength && in.getContentLength64() > static_cast<Poco::Int64>(limit)) {
            drainBody(in, closeAfter, limit);
        }
        std::istream& stream = in.stream();
        char buf[16384];
        std::string body;
        if (hasLength) body.reserve(static_cast<std::size_t>(in.getContentLength64()));
        while (stream) {
            stream.read(buf, sizeof buf);
            body.append(buf, static_cast<std::size_t>(stream.gcount()));
            if (body.size() > limit) {
                body = std::string();
                closeAfter = true;
                std::size_t drained = 0;
                while (drained < kDrainCap && (stream.read(buf, sizeof buf) || stream.gcount() > 0)) {
                    drained += static_cast<std::size_t>(stream.gcount());
                }
                throw domain::TooLarge(tooLargeMessage(limit));
            }
        }
        // File uploads may carry any bytes; their text fields are checked when parsed
        // (http/Multipart.h). Every other body must be UTF-8 text.
        const bool multipart = Poco::icompare(req.contentType.substr(0, 19), "multipart/form-data") == 0;
        if (!multipart && !domain::isValidUtf8(body)) {
            throw domain::BadRequest("The request body is not valid UTF-8 text.");
        }
        req.body = std::move(body);
    }

    static void send(Poco::Net::HTTPServerResponse& out, Response& res, const Request& req,
                     bool closeAfter) {
        addSecurityHeaders(res);
        compressIfAccepted(req, res);
        out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(res.status));
        if (!res.contentType.empty()) out.setContentType(res.contentType);
        out.set("Cache-Control", res.cacheControl);
        out.set("X-Request-Id", req.requestId);
        for (const auto& [name, value] : res.headers) out.add(name, value);
        if (closeAfter) out.setKeepAlive(false);
        out.setContentLength64(static_cast<Poco::Int64>(res.body.size()));
        // sendBuffer writes no body for HEAD requests.
        out.sendBuffer(res.body.data(), res.body.size());
    }

    const Router& _router;
    app::Services& _services;
};

}  // namespace

void compressIfAccepted(const Request& req, Response& res) {
    if (res.body.size() < 1024) return;
    const bool text = res.contentType.rfind("text/", 0) == 0;
    if (!text) return;
    auto accept = req.headers.find("accept-encoding");
    if (accept == req.headers.end() || Poco::toLower(accept->second).find("gzip") == std::string::npos) return;
    std::ostringstream compressed;
    {
        Poco::DeflatingOutputStream gzip(compressed, Poco::DeflatingStreamBuf::STREAM_GZIP);
        gzip.write(res.body.data(), static_cast<std::streamsize>(res.body.size()));
        gzip.close();
    }
    res.body = compressed.str();
    res.headers.emplace_back("Content-Encoding", "gzip");
    res.headers.emplace_back("Vary", "Accept-Encoding");
}

void addSecurityHeaders(Response& r) {
    r.headers.emplace_back("Content-Security-Policy", kCsp);
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "same-origin");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
    r.headers.emplace_back("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

Poco::Net::HTTPRequestHandler* DispatcherFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest&) {
    return new Dispatcher(_router, _services);
}

}  // namespace kituo::http
