// Migration planning rules; see MigrationPlan.h.
#include "domain/MigrationPlan.h"

#include <algorithm>
#include <map>

namespace kituo::domain {

std::optional<int> migrationVersion(const std::string& fileName) {
    const std::string suffix = ".sql";
    if (fileName.size() <= suffix.size() ||
        fileName.compare(fileName.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return std::nullopt;
    }
    std::size_t i = 0;
    while (i < fileName.size() && fileName[i] >= '0' && fileName[i] <= '9') ++i;
    if (i < 4 || i > 9 || i >= fileName.size() || fileName[i] != '_') return std::nullopt;
    const std::size_t end = fileName.size() - suffix.size();
    if (i + 1 >= end) return std::nullopt;
    for (std::size_t k = i + 1; k < end; ++k) {
        const char c = fileName[k];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return std::nullopt;
    }
    return std::stoi(fileName.substr(0, i));
}

std::vector<MigrationFile> planMigrations(std::vector<MigrationFile> files,
                                          const std::vector<AppliedMigration>& applied) {
    std::sort(files.begin(), files.end(),
              [](const MigrationFile& a, const MigrationFile& b) { return a.version < b.version; });
    std::map<int, const MigrationFile*> byVersion;
    for (const auto& f : files) {
        if (!byVersion.emplace(f.version, &f).second) {
            throw MigrationError("two migration files share number " + std::to_string(f.version) +
                                 ": " + byVersion[f.version]->name + " and " + f.name);
        }
    }
    int newestApplied = 0;
    std::map<int, const AppliedMigration*> done;
    for (const auto& a : applied) {
        done[a.version] = &a;
        newestApplied = std::max(newestApplied, a.version);
        auto it = byVersion.find(a.version);
        if (it == byVersion.end()) {
            throw MigrationError("applied migration " + a.name +
                                 " is missing from the migrations folder; migrations are "
                                 "forward-only and must never be removed");
        }
        if (it->second->checksum != a.checksum) {
            throw MigrationError("migration " + it->second->name +
                                 " was changed after it was applied (checksum " + a.checksum +
                                 " recorded, " + it->second->checksum +
                                 " on disk); add a new migration instead of editing it");
        }
    }
    std::vector<MigrationFile> pending;
    for (const auto& f : files) {
        if (done.count(f.version)) continue;
        if (f.version < newestApplied) {
            throw MigrationError("migration " + f.name + " is numbered below the newest applied "
                                 "one (" + std::to_string(newestApplied) +
                                 "); renumber it after the applied migrations");
        }
        pending.push_back(f);
    }
    return pending;
}

}  // namespace kituo::domain
