// The front page: what Kituo is and who it serves. Becomes the role dashboard once accounts
// exist.
#include "handlers/Handlers.h"

#include "http/RequestContext.h"

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

Response home(RequestContext& ctx) {
    View areas = View::type::list;
    const std::pair<const char*, const char*> items[] = {
        {"Nominal roll", "Officers, postings and ranks of every station in your scope."},
        {"Retraining", "Courses, completions and who is due for recertification."},
        {"Psychosocial support", "Confidential counselling records, readable only by the "
                                 "counsellors of each case."},
        {"National Police Reserve", "The reservist roster and command assignments."},
        {"Unit reports", "Printable, verifiable reports for the station commander to sign."}};
    for (const auto& [name, text] : items) {
        View a;
        a.set("name", name);
        a.set("text", text);
        areas.push_back(a);
    }
    View view;
    view.set("areas", areas);
    return ctx.page("home/index", "Home", view);
}

}  // namespace

void addHomeRoutes(http::Router& router) { router.add("GET", "/", Permission::Public, home); }

}  // namespace kituo::handlers
