// Route registration, one function per area. Each area's routes live in its own file next to
// their handlers; Server calls these once to build the route table.
#pragma once

#include "http/Router.h"

namespace kituo::handlers {

// GET /healthz, GET /static/{file}
void addSystemRoutes(http::Router& router);
// GET|POST /login, GET|POST /login/two-factor, POST /logout, GET|POST /account/password,
// GET|POST /account/two-factor, GET /account/sessions,
// POST /account/sessions/{id}/end
void addAccountRoutes(http::Router& router);
// GET / (the dashboard of the signed-in role)
void addDashboardRoutes(http::Router& router);
// /admin/users...
void addUserAdminRoutes(http::Router& router);
// /admin/org...
void addOrgAdminRoutes(http::Router& router);
// GET /audit, GET /audit/verify
void addAuditRoutes(http::Router& router);
// /officers, /officers.csv, /officers/{id}...
void addOfficerRoutes(http::Router& router);
// /officers/new, POST /officers, /officers/{id}/edit, POST /officers/{id} (called by
// addOfficerRoutes)
void addOfficerFormRoutes(http::Router& router);
// /officers/{id}/postings (history and transfer), .../postings/{posting}/correct (called by
// addOfficerRoutes)
void addPostingRoutes(http::Router& router);
// /training/modules... (the catalogue) and addTrainingComplianceRoutes
void addTrainingRoutes(http::Router& router);
// /welfare/... (counselling: cases, sessions, notes, break-glass)
void addWelfareRoutes(http::Router& router);
// /welfare/stats (suppressed counts for commanders and HR; called by addWelfareRoutes)
void addWelfareStatsRoutes(http::Router& router);
// /training/compliance[.csv] (called by addTrainingRoutes)
void addTrainingComplianceRoutes(http::Router& router);
// /training/completions/new (called by addTrainingRoutes)
void addTrainingRecordRoutes(http::Router& router);
// /training/offerings... (called by addTrainingRoutes)
void addTrainingOfferingRoutes(http::Router& router);
// /officers/import...
void addOfficerImportRoutes(http::Router& router);

// /reservists, /reservists.csv, /reservists/new, /reservists/{id}[/edit|/pin] (the roster)
void addReservistRoutes(http::Router& router);
// /reservists/{id}/assignments, /reservists/assignments/{id}/end|cancel, /reservists/deployments,
// /reservists/command, /reservists/strength (called by addReservistRoutes)
void addReserveDutyRoutes(http::Router& router);
// /reservists/firearms... (called by addReservistRoutes)
void addFirearmRoutes(http::Router& router);
// /reservists/training, POST /reservists/{id}/training (called by addReservistRoutes)
void addReservistTrainingRoutes(http::Router& router);
// /reservists/import... (called by addReservistRoutes)
void addReservistImportRoutes(http::Router& router);

}  // namespace kituo::handlers
