// The query plan of a store's own SQL (MariaDB EXPLAIN), so the indexes a page relies on are
// checked against a realistic dataset rather than assumed: `kituo explain-training` prints
// them for ops/bench on the scale dataset.
#pragma once

#include "store/Db.h"

#include <functional>
#include <string>
#include <vector>

namespace sql {
class PreparedStatement;
}

namespace kituo::store {

struct PlanRow {
    std::string query;  // which store query (a label)
    std::string table, type, key, rows, extra;
};

// EXPLAIN of `sql` with its parameters set by `bind`, one row per table access.
std::vector<PlanRow> explain(Db& db, const std::string& label, const std::string& sql,
                             const std::function<void(sql::PreparedStatement&)>& bind);

// Whether a plan row reads a whole table or a whole index (EXPLAIN type ALL or index).
bool readsWholeTable(const PlanRow& row);

}  // namespace kituo::store
