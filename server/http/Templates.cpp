// Template loading and rendering; see Templates.h.
#include "http/Templates.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/RecursiveDirectoryIterator.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace kituo::http {

std::string escapeHtml(const std::string& s) {
    // The same five characters as kainjow's html_escape, but one scan and whole runs appended:
    // kainjow appends character by character, which was a tenth of a list page's cost.
    static constexpr const char* kSpecial = "&<>\"'";
    std::size_t next = s.find_first_of(kSpecial);
    if (next == std::string::npos) return s;
    std::string out;
    out.reserve(s.size() + 16);
    std::size_t from = 0;
    while (next != std::string::npos) {
        out.append(s, from, next - from);
        switch (s[next]) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += "&apos;"; break;
        }
        from = next + 1;
        next = s.find_first_of(kSpecial, from);
    }
    out.append(s, from, std::string::npos);
    return out;
}

namespace {


std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read template " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}


}  // namespace

Templates::Templates(const std::string& directory) {
    Poco::File dir(directory);
    if (!dir.exists() || !dir.isDirectory()) {
        throw std::runtime_error("templates folder not found: " + directory);
    }
    const std::string base = Poco::Path(directory).makeAbsolute().toString(Poco::Path::PATH_UNIX);
    std::map<std::string, std::string> raw;
    for (Poco::SimpleRecursiveDirectoryIterator it(directory), end; it != end; ++it) {
        const Poco::Path p = it.path();
        if (!it->isFile() || p.getExtension() != "mustache") continue;
        std::string rel = Poco::Path(p).makeAbsolute().toString(Poco::Path::PATH_UNIX);
        rel = rel.substr(base.size());
        if (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
        rel = rel.substr(0, rel.size() - std::string(".mustache").size());
        const std::string text = readFile(p.toString());
        if (rel.rfind("partials/", 0) == 0) {
            _partials[rel.substr(std::string("partials/").size())] = text;
        } else {
            raw[rel] = text;
        }
    }
    for (const auto& [name, text] : _partials) {
        kainjow::mustache::mustache check(expandPartials("partials/" + name, text, 0));
        if (!check.is_valid()) {
            throw std::runtime_error("template partials/" + name + ".mustache is invalid: " +
                                     check.error_message());
        }
    }
    for (const auto& [name, text] : raw) {
        std::string expanded = expandPartials(name, text, 0);
        kainjow::mustache::mustache check(expanded);
        if (!check.is_valid()) {
            throw std::runtime_error("template " + name + ".mustache is invalid: " +
                                     check.error_message());
        }
        _sources[name] = std::move(expanded);
    }
    if (!has("layout")) throw std::runtime_error("template layout.mustache is missing");
}

std::string Templates::expandPartials(const std::string& name, const std::string& text,
                                      int depth) const {
    if (depth > 8) throw std::runtime_error("template " + name + ": partials nest too deeply");
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const auto open = text.find("{{>", pos);
        if (open == std::string::npos) break;
        const auto close = text.find("}}", open);
        if (close == std::string::npos) {
            throw std::runtime_error("template " + name + ".mustache: unclosed partial tag");
        }
        std::string partial = text.substr(open + 3, close - open - 3);
        partial.erase(0, partial.find_first_not_of(" \t"));
        partial.erase(partial.find_last_not_of(" \t") + 1);
        auto it = _partials.find(partial);
        if (it == _partials.end()) {
            throw std::runtime_error("template " + name + ".mustache includes unknown partial '" +
                                     partial + "'");
        }
        out.append(text, pos, open - pos);
        out += expandPartials(name, it->second, depth + 1);
        pos = close + 2;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

std::vector<std::string> Templates::names() const {
    std::vector<std::string> n;
    for (const auto& [name, _] : _sources) n.push_back(name);
    return n;
}

std::string Templates::render(const std::string& name, const View& view) const {
    auto src = _sources.find(name);
    if (src == _sources.end()) throw std::runtime_error("unknown template " + name);
    Compiled compiled = borrow(name, src->second);
    std::string out = compiled->render(view);
    if (!compiled->is_valid()) {
        throw std::runtime_error("template " + name + " failed to render: " + compiled->error_message());
    }
    giveBack(name, std::move(compiled));
    return out;
}

Templates::Compiled Templates::borrow(const std::string& name, const std::string& source) const {
    {
        std::lock_guard<std::mutex> lock(_mutex);
        auto& idle = _idle[name];
        if (!idle.empty()) {
            Compiled c = std::move(idle.back());
            idle.pop_back();
            return c;
        }
    }
    auto c = std::make_unique<kainjow::mustache::mustache>(source);
    c->set_custom_escape(escapeHtml);
    return c;
}

void Templates::giveBack(const std::string& name, Compiled compiled) const {
    std::lock_guard<std::mutex> lock(_mutex);
    _idle[name].push_back(std::move(compiled));
}

std::string Templates::renderPage(const std::string& name, const View& view, View page) const {
    return wrapInLayout(render(name, view), std::move(page));
}

std::string Templates::wrapInLayout(std::string body, View page) const {
    page["body"] = View(body);  // one copy (set() would make two); a long list's body is large
    body = std::string();
    return render("layout", page);
}

}  // namespace kituo::http
