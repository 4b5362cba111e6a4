// What the nominal roll's pages share: the officer's view model, the filter's option lists,
// the officer named by the path (within scope, else 404), and the officer form's fields read
// and refilled from domain::officerFields().
#pragma once

#include "domain/Officer.h"
#include "http/RequestContext.h"
#include "http/ViewTable.h"
#include "store/OfficerStore.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kituo::handlers {

// The rows of an officer list: id, service number, surname, other names, rank, station, unit,
// status and enlistment date, plus the page's `extraColumns`; for the list, the worklist and
// the print view. Put it in the view with http::listOf().
std::shared_ptr<http::ViewTable> officerRows(std::size_t expectedRows, std::vector<std::string> extraColumns = {});
// Adds o as the last row of `rows` (a page sets its extra columns after this).
void addOfficerRow(http::ViewTable& rows, const store::OfficerRecord& o);
// The national ID as this actor may see it (in full for HR, else masked).
std::string nationalIdFor(const http::RequestContext& ctx, const std::string& id);
// The officer's fields, labels and posting for a page.
http::View officerView(const http::RequestContext& ctx, const store::OfficerRecord& o);
// Option lists for stations and units within the actor's scope, ranks and statuses, with the
// filter's choices selected. rollVersion: the "roll" data version when the caller has read it
// (else the one read with the session, RequestContext::dataVersion).
void addFilterOptions(http::RequestContext& ctx, http::View& v, const store::OfficerFilter& f,
                      const std::vector<domain::Rank>& ranks, std::optional<std::uint64_t> rollVersion = {});
// The officer named by {id}, within the actor's scope; 404 (audited) otherwise.
store::OfficerRecord requireOfficer(http::RequestContext& ctx);
// The form's fields as an OfficerInput (the rank by id); the service number is given.
domain::OfficerInput inputFrom(const http::Request& r, const std::string& serviceNumber);
// The form's values to show again.
http::View formValues(const domain::OfficerInput& in);
// The officer's posting history into v: "postings" (newest first, each marked when corrected),
// "corrections" and "has_corrections", "current_posting_id". Returns the periods for the
// time-at-station rules. (PostingHandlers.cpp)
std::vector<domain::PostingPeriod> addPostingHistory(http::RequestContext& ctx, http::View& v,
                                                     const store::OfficerRecord& o);
// The transfer form's values with the station and unit options, those in `values` selected.
// (PostingHandlers.cpp)
http::View transferForm(http::RequestContext& ctx, const http::View& values);
// How many officers within the actor's scope are due for transfer (for the role's home).
std::size_t countDueForTransfer(http::RequestContext& ctx);

}  // namespace kituo::handlers
