// Rank ladder SQL; see RankStore.h.
#include "store/RankStore.h"

#include "store/Connection.h"
#include "store/VersionedCache.h"

#include <sstream>

namespace kituo::store {

std::vector<domain::Rank> RankStore::ranks() { return ranks(currentVersion(_db, "roll")); }

std::vector<domain::Rank> RankStore::ranks(std::uint64_t rollVersion) {
    // The ladder changes only with a migration or a scheme-of-service edit (both bump "roll"),
    // and every page with a rank filter needs it.
    static VersionedCache<std::vector<domain::Rank>> cache("roll");
    return cache.get(_db, "ranks", rollVersion, [&] {
        return _db.run([](Connection& c) {
            std::unique_ptr<sql::ResultSet> rs(c.prepare(
                "SELECT r.rank_id, r.code, r.name, r.ordinal, GROUP_CONCAT(sr.service_code ORDER BY "
                "sr.service_code) AS services FROM ranks r LEFT JOIN service_ranks sr ON sr.rank_id = r.rank_id "
                "GROUP BY r.rank_id, r.code, r.name, r.ordinal ORDER BY r.ordinal").executeQuery());
            std::vector<domain::Rank> out;
            while (rs->next()) {
                domain::Rank r;
                r.id = rs->getInt64("rank_id");
                r.code = rs->getString("code");
                r.name = rs->getString("name");
                r.ordinal = rs->getInt("ordinal");
                std::stringstream ss(rs->isNull("services") ? std::string() : std::string(rs->getString("services")));
                std::string code;
                while (std::getline(ss, code, ',')) r.services.push_back(code);
                out.push_back(r);
            }
            return out;
        });
    });
}

}  // namespace kituo::store
