// Query plans; see Explain.h.
#include "store/Explain.h"

#include "store/Connection.h"

#include <memory>

namespace kituo::store {

std::vector<PlanRow> explain(Db& db, const std::string& label, const std::string& sql,
                             const std::function<void(sql::PreparedStatement&)>& bind) {
    return db.run([&](Connection& c) {
        auto& st = c.prepare("EXPLAIN " + sql);
        bind(st);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<PlanRow> out;
        while (rs->next()) {
            out.push_back({label, getStringOr(*rs, "table", ""), getStringOr(*rs, "type", ""), getStringOr(*rs, "key", ""),
                           getStringOr(*rs, "rows", ""), getStringOr(*rs, "Extra", "")});
        }
        return out;
    });
}

bool readsWholeTable(const PlanRow& row) { return row.type == "ALL" || row.type == "index"; }

}  // namespace kituo::store
