// Stored import files; see ImportStore.h.
#include "store/ImportStore.h"
#include "store/Connection.h"

namespace kituo::store {

std::int64_t ImportStore::save(std::int64_t userId, const std::string& fileName, const std::string& content,
                               const std::string& checksum, const std::string& kind) {
    return _db.transaction([&](Connection& c) {
        auto& st = c.prepare("INSERT INTO officer_imports (user_id, file_name, content, checksum, kind) VALUES (?, ?, ?, ?, ?)");
        st.setInt64(1, userId);
        st.setString(2, fileName.substr(0, 255));
        st.setString(3, content);
        st.setString(4, checksum);
        st.setString(5, kind);
        st.executeUpdate();
        std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT LAST_INSERT_ID()").executeQuery());
        rs->next();
        return static_cast<std::int64_t>(rs->getInt64(1));
    });
}

std::optional<StoredImport> ImportStore::findOwn(std::int64_t userId, std::int64_t id, const std::string& kind) {
    return _db.run([&](Connection& c) -> std::optional<StoredImport> {
        auto& st = c.prepare("SELECT import_id, user_id, file_name, content, committed_at IS NOT NULL AS committed, "
                             "summary FROM officer_imports WHERE import_id = ? AND user_id = ? AND kind = ?");
        st.setInt64(1, id);
        st.setInt64(2, userId);
        st.setString(3, kind);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        StoredImport i;
        i.id = rs->getInt64("import_id");
        i.userId = rs->getInt64("user_id");
        i.fileName = rs->getString("file_name");
        i.content = rs->getString("content");
        i.committed = rs->getBoolean("committed");
        i.summary = rs->getString("summary");
        return i;
    });
}

bool ImportStore::markCommitted(Connection& c, std::int64_t id, const std::string& summary) {
    auto& st = c.prepare("UPDATE officer_imports SET committed_at = UTC_TIMESTAMP(), summary = ? "
                         "WHERE import_id = ? AND committed_at IS NULL");
    st.setString(1, summary.substr(0, 255));
    st.setInt64(2, id);
    return st.executeUpdate() == 1;
}

}  // namespace kituo::store
