// Static asset cache; see StaticFiles.h.
#include "http/StaticFiles.h"

#include "crypto/Hash.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kituo::http {
namespace {

std::optional<std::string> contentTypeFor(const std::string& extension) {
    static const std::map<std::string, std::string> types = {
        {"css", "text/css; charset=utf-8"},       {"js", "text/javascript; charset=utf-8"},
        {"png", "image/png"},                      {"svg", "image/svg+xml"},
        {"ico", "image/x-icon"},                   {"txt", "text/plain; charset=utf-8"},
        {"woff2", "font/woff2"}};
    auto it = types.find(extension);
    if (it == types.end()) return std::nullopt;
    return it->second;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& directory) {
    Poco::File dir(directory);
    if (!dir.exists() || !dir.isDirectory()) {
        throw std::runtime_error("static folder not found: " + directory);
    }
    for (Poco::DirectoryIterator it(directory), end; it != end; ++it) {
        if (!it->isFile()) continue;
        auto type = contentTypeFor(Poco::Path(it.name()).getExtension());
        if (!type) continue;
        std::ifstream in(it.path().toString(), std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        StaticFile f{ss.str(), *type, ""};
        f.etag = "\"" + crypto::sha256Hex(f.body).substr(0, 20) + "\"";
        _files.emplace(it.name(), std::move(f));
    }
}

const StaticFile* StaticFiles::find(const std::string& name) const {
    auto it = _files.find(name);
    return it == _files.end() ? nullptr : &it->second;
}

}  // namespace kituo::http
