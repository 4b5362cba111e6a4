// The files of web/static, read into memory at start and served with an ETag. Only files
// present at start are served, by exact name, so no request path can reach the file system.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace kituo::http {

struct StaticFile {
    std::string body;
    std::string contentType;
    std::string etag;  // quoted, strong
};

class StaticFiles {
public:
    // Loads every regular file directly inside `directory` with a known extension
    // (.css .js .png .svg .ico .txt .woff2); throws std::runtime_error if it is missing.
    explicit StaticFiles(const std::string& directory);
    const StaticFile* find(const std::string& name) const;
    std::size_t size() const { return _files.size(); }

private:
    std::map<std::string, StaticFile> _files;
};

}  // namespace kituo::http
