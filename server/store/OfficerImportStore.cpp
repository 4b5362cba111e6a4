// Import SQL; see OfficerImportStore.h.
#include "store/OfficerImportStore.h"

#include "store/DataVersions.h"
#include "store/OfficerSql.h"
#include "store/RankStore.h"
#include "store/SqlLists.h"

#include <map>

namespace kituo::store {

domain::ImportContext OfficerImportStore::importContext(const domain::Actor& actor,
                                                  const std::vector<std::string>& serviceNumbers,
                                                  const std::vector<std::string>& nationalIds,
                                                  const std::string& today) {
    domain::ImportContext ctx;
    ctx.today = today;
    ctx.ranks = RankStore(_db).ranks();
    _db.run([&](Connection& c) {
        struct Node { std::int64_t id, parent; std::string code, kind, path; };
        std::map<std::int64_t, Node> nodes;
        std::unique_ptr<sql::ResultSet> rs(c.prepare(
            "SELECT org_unit_id, COALESCE(parent_id, 0) AS parent_id, code, kind, path FROM org_units").executeQuery());
        while (rs->next()) {
            Node n{rs->getInt64("org_unit_id"), rs->getInt64("parent_id"), rs->getString("code"),
                   rs->getString("kind"), rs->getString("path")};
            nodes[n.id] = n;
        }
        for (const auto& [id, n] : nodes) {
            domain::ImportOrgUnit u;
            u.id = id;
            u.code = n.code;
            u.isStation = n.kind == "station";
            u.inScope = n.path.compare(0, actor.scopePath.size(), actor.scopePath) == 0;
            if (n.kind == "unit") {
                std::int64_t up = n.parent;
                for (int depth = 0; depth < 16 && up && nodes.count(up); ++depth) {
                    if (nodes[up].kind == "station") {
                        u.stationId = up;
                        break;
                    }
                    up = nodes[up].parent;
                }
            }
            ctx.orgByCode[n.code] = u;
        }
        auto fetch = [&](const std::string& column, const std::vector<std::string>& keys) {
            for (std::size_t start = 0; start < keys.size(); start += 512) {
                const std::size_t n = std::min<std::size_t>(512, keys.size() - start);
                const std::vector<std::string> chunk(keys.begin() + static_cast<long>(start),
                                                     keys.begin() + static_cast<long>(start + n));
                auto& st = c.prepare(officer_sql::select() + "WHERE o." + column + " IN (" + placeholders(bucketed(n)) + ")");
                bindList(st, 1, chunk);
                std::unique_ptr<sql::ResultSet> rows(st.executeQuery());
                while (rows->next()) {
                    const auto o = officer_sql::read(*rows);
                    domain::ExistingOfficer ex;
                    ex.id = o.id;
                    ex.fields = o.fields;
                    ex.stationId = o.stationId;
                    ex.unitId = o.unitId;
                    ex.version = o.version;
                    auto st2 = nodes.find(o.stationId);
                    ex.inScope = st2 != nodes.end() &&
                                 st2->second.path.compare(0, actor.scopePath.size(), actor.scopePath) == 0;
                    ctx.ownerByNationalId[o.fields.nationalId] = {o.fields.serviceNumber, ex.inScope};
                    ctx.existingByNumber[o.fields.serviceNumber] = ex;
                }
            }
        };
        fetch("service_number", serviceNumbers);
        fetch("national_id", nationalIds);
    });
    return ctx;
}

void OfficerImportStore::applyImport(Connection& c, const std::string& scopePath, const domain::ImportPlan& plan,
                               std::int64_t createdBy) {
    using Action = domain::ImportRowPlan::Action;
    bumpVersion(c, "roll");  // written at commit, after every officer row is locked
    std::vector<const domain::ImportRowPlan*> creates;
    for (const auto& row : plan.rows) {
        if (row.action == Action::Create) creates.push_back(&row);
        if (row.action == Action::Update) OfficerStore(_db).update(c, scopePath, row.existingId, row.existingVersion, row.input);
    }
    for (std::size_t start = 0, n = 0; start < creates.size(); start += n) {
        n = batchSize(std::min<std::size_t>(256, creates.size() - start));
        const std::size_t perRow = domain::officerFields().size() + 2;
        auto& ins = c.prepare("INSERT INTO officers (" + officer_sql::fieldColumns("") + ", station_id, unit_id) VALUES " +
                              placeholders(n, "(" + placeholders(perRow) + ")"));
        int next = 1;
        for (std::size_t k = 0; k < n; ++k) {
            const auto& row = *creates[start + k];
            next = officer_sql::bindFields(ins, next, row.input, true);
            ins.setInt64(next++, row.stationId);
            if (row.unitId) ins.setInt64(next++, *row.unitId);
            else ins.setNull(next++, sql::DataType::BIGINT);
        }
        try {
            ins.executeUpdate();
        } catch (const sql::SQLException& e) {
            officer_sql::rethrowDuplicate(e);
        }
        auto& ids = c.prepare("SELECT officer_id, service_number FROM officers WHERE service_number IN (" +
                              placeholders(n) + ")");
        for (std::size_t k = 0; k < n; ++k) ids.setString(static_cast<int>(k + 1), creates[start + k]->input.serviceNumber);
        std::map<std::string, std::int64_t> idByNumber;
        std::unique_ptr<sql::ResultSet> rs(ids.executeQuery());
        while (rs->next()) idByNumber[rs->getString(2)] = rs->getInt64(1);
        auto& posts = c.prepare(
            "INSERT INTO postings (officer_id, station_id, unit_id, from_date, reference, created_by) VALUES " +
            placeholders(n, "(?, ?, ?, ?, ?, ?)"));
        for (std::size_t k = 0; k < n; ++k) {
            const auto& row = *creates[start + k];
            const int base = static_cast<int>(k * 6);
            posts.setInt64(base + 1, idByNumber.at(row.input.serviceNumber));
            posts.setInt64(base + 2, row.stationId);
            if (row.unitId) posts.setInt64(base + 3, *row.unitId);
            else posts.setNull(base + 3, sql::DataType::BIGINT);
            posts.setString(base + 4, row.postedSince);
            posts.setString(base + 5, "nominal roll import");
            posts.setInt64(base + 6, createdBy);
        }
        posts.executeUpdate();
    }
}

}  // namespace kituo::store
