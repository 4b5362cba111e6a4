// SQL for uploaded files kept between preview and commit (officer_imports): nominal-roll files
// (kind "officers") and reserve roster files (kind "reservists"). An import belongs to the user
// who uploaded it and is found only as the kind it was uploaded as.
#pragma once

#include "store/Db.h"

#include <optional>

namespace kituo::store {

struct StoredImport {
    std::int64_t id = 0;
    std::int64_t userId = 0;
    std::string fileName;
    std::string content;
    bool committed = false;
    std::string summary;
};

class ImportStore {
public:
    explicit ImportStore(Db& db) : _db(db) {}
    std::int64_t save(std::int64_t userId, const std::string& fileName, const std::string& content,
                      const std::string& checksum, const std::string& kind = "officers");
    std::optional<StoredImport> findOwn(std::int64_t userId, std::int64_t id, const std::string& kind = "officers");
    // Marks the import committed; false when it already was (so it is applied once).
    bool markCommitted(Connection& c, std::int64_t id, const std::string& summary);

private:
    Db& _db;
};

}  // namespace kituo::store
