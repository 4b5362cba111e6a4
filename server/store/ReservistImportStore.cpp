// Reserve roster import SQL; see ReservistImportStore.h.
#include "store/ReservistImportStore.h"

#include "store/Connection.h"
#include "store/ReserveSql.h"
#include "store/ReservistStore.h"
#include "store/SqlLists.h"

namespace kituo::store {

domain::ReservistImportContext ReservistImportStore::importContext(const domain::Actor& actor,
                                                                    const std::vector<std::string>& numbers,
                                                                    const std::vector<std::string>& nationalIds,
                                                                    const std::string& today) {
    domain::ReservistImportContext ctx;
    ctx.today = today;
    _db.run([&](Connection& c) {
        const bool leads = reserve_sql::leadsSection(c, actor.userId);
        auto& stations = c.prepare("SELECT org_unit_id, code FROM org_units WHERE kind = 'station' AND path LIKE CONCAT(?, '%')");
        stations.setString(1, scopePattern(actor.scopePath));
        std::unique_ptr<sql::ResultSet> srs(stations.executeQuery());
        while (srs->next() && !leads) ctx.stationsByCode[srs->getString(2)] = srs->getInt64(1);
        auto& sections = c.prepare("SELECT sec.npr_section_id, sec.station_id, sec.name FROM npr_sections sec "
                                   "JOIN org_units st ON st.org_unit_id = sec.station_id WHERE st.path LIKE CONCAT(?, '%')");
        sections.setString(1, scopePattern(actor.scopePath));
        std::unique_ptr<sql::ResultSet> xrs(sections.executeQuery());
        while (xrs->next()) ctx.sectionsByName[{xrs->getInt64(2), xrs->getString(3)}] = xrs->getInt64(1);
    });
    // Existing records by number, in batches: in reach or not (then only that it exists).
    ReservistStore reservists(_db);
    for (std::size_t start = 0; start < numbers.size(); start += 256) {
        const std::vector<std::string> batch(numbers.begin() + static_cast<long>(start),
                                             numbers.begin() + static_cast<long>(std::min(numbers.size(), start + 256)));
        _db.run([&](Connection& c) {
            auto& st = c.prepare("SELECT reservist_id, reservist_number FROM reservists WHERE reservist_number IN (" +
                                 placeholders(bucketed(batch.size())) + ")");
            bindList(st, 1, batch);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            while (rs->next()) {
                auto& e = ctx.existingByNumber[rs->getString(2)];
                e.id = rs->getInt64(1);
            }
        });
    }
    for (auto& [number, e] : ctx.existingByNumber) {
        if (auto r = reservists.findVisibleTo(actor, e.id)) {
            e.inReach = true;
            e.fields = r->fields;
            e.stationId = r->stationId;
            e.sectionId = r->sectionId;
            e.version = r->version;
        }
    }
    for (std::size_t start = 0; start < nationalIds.size(); start += 256) {
        const std::vector<std::string> batch(nationalIds.begin() + static_cast<long>(start),
                                             nationalIds.begin() + static_cast<long>(std::min(nationalIds.size(), start + 256)));
        _db.run([&](Connection& c) {
            auto& st = c.prepare("SELECT national_id, reservist_number FROM reservists WHERE national_id IN (" +
                                 placeholders(bucketed(batch.size())) + ")");
            bindList(st, 1, batch);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            while (rs->next()) ctx.numberByNationalId[rs->getString(1)] = rs->getString(2);
        });
    }
    return ctx;
}

void ReservistImportStore::apply(Connection& c, const domain::Actor& actor, const domain::ReservistImportPlan& plan) {
    ReservistStore reservists(_db);
    for (const auto& row : plan.rows) {
        if (row.action == domain::ReservistImportRow::Action::Create) {
            reservists.create(c, actor, row.input, row.stationId, row.sectionId);
        } else if (row.action == domain::ReservistImportRow::Action::Update) {
            reservists.update(c, actor, row.existingId, row.existingVersion, row.input, row.sectionId);
        }
    }
}

}  // namespace kituo::store
