// Change counters; see DataVersions.h.
#include "store/DataVersions.h"
#include "store/Connection.h"

namespace kituo::store {

void bumpVersion(Connection& c, const std::string& name) { c.bumpAtCommit(name); }

std::uint64_t currentVersion(Db& db, const std::string& name) {
    return db.run([&](Connection& c) -> std::uint64_t {
        auto& st = c.prepare("SELECT version FROM data_versions WHERE name = ?");
        st.setString(1, name);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        return rs->next() ? rs->getUInt64(1) : 0;
    });
}

}  // namespace kituo::store
