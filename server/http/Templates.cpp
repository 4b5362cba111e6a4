// Template loading and rendering; see Templates.h.
#include "http/Templates.h"

#include "http/ViewTable.h"

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

namespace {

// Which bytes {{x}} escapes: the same five as kainjow's html_escape.
struct EscapeTable {
    bool special[256] = {};
    constexpr EscapeTable() {
        for (unsigned char c : {'&', '<', '>', '"', '\''}) special[c] = true;
    }
};
constexpr EscapeTable kEscape;

}  // namespace

std::string escapeHtml(const std::string& s) {
    // One pass over the bytes with a table, whole runs appended: kainjow appends character by
    // character, and find_first_of() calls memchr for every byte; both showed in callgrind.
    const char* const data = s.data();
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n && !kEscape.special[static_cast<unsigned char>(data[i])]) ++i;
    if (i == n) return s;
    std::string out;
    out.reserve(n + 16);
    std::size_t from = 0;
    for (; i < n; ++i) {
        const char c = data[i];
        if (!kEscape.special[static_cast<unsigned char>(c)]) continue;
        out.append(data + from, i - from);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += "&apos;"; break;
        }
        from = i + 1;
    }
    out.append(data + from, n - from);
    return out;
}

namespace {


// kainjow's name lookup (its context class), which also reads the rows of a ViewTable: a
// name on an item of listOf() is that row's cell. Otherwise the same rules: "." is the
// current item, a name is looked up from the innermost section outwards, and "a.b" is b
// within a, tried from each level outwards.
class ViewContext : public kainjow::mustache::basic_context<std::string> {
public:
    explicit ViewContext(const View* root) { push(root); }
    // A table row is recognised once, when its section starts, not at every name in it.
    void push(const View* item) override { _items.push_back({item, tableRow(*item)}); }
    void pop() override { _items.pop_back(); }

    const View* get(const std::string& name) const override {
        if (name == ".") return _items.back().view;
        if (name.find('.') == std::string::npos) {
            for (auto it = _items.rbegin(); it != _items.rend(); ++it) {
                if (const View* found = lookup(*it, name)) return found;
            }
            return nullptr;
        }
        std::vector<std::string> names;
        for (std::size_t from = 0;;) {
            const std::size_t dot = name.find('.', from);
            names.push_back(name.substr(from, dot - from));
            if (dot == std::string::npos) break;
            from = dot + 1;
        }
        for (auto it = _items.rbegin(); it != _items.rend(); ++it) {
            const View* found = lookup(*it, names.front());
            for (std::size_t i = 1; found && i < names.size(); ++i) found = lookup({found, tableRow(*found)}, names[i]);
            if (found) return found;
        }
        return nullptr;
    }

    const View* get_partial(const std::string& name) const override {
        for (auto it = _items.rbegin(); it != _items.rend(); ++it) {
            if (const View* found = it->view->get(name)) return found;
        }
        return nullptr;
    }

private:
    struct Item {
        const View* view;
        const ViewTableRow* row;  // when the item is a row of a ViewTable
    };
    static const View* lookup(const Item& item, const std::string& name) {
        return item.row ? item.row->table->cell(item.row->row, name) : item.view->get(name);
    }

    std::vector<Item> _items;  // innermost last
};

// Where kainjow's render(context, stream) writes: appends to a string.
struct StringSink {
    std::string& out;
    StringSink& operator<<(const std::string& text) {
        out += text;
        return *this;
    }
};

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
    // Straight into one string sized like this copy's last output: kainjow's own render()
    // goes through an ostringstream that grows by copying and is copied out at the end.
    std::string out;
    out.reserve(compiled->lastSize + compiled->lastSize / 8);
    ViewContext context(&view);
    StringSink sink{out};
    compiled->tmpl.render(context, sink);
    if (!compiled->tmpl.is_valid()) {
        throw std::runtime_error("template " + name + " failed to render: " + compiled->tmpl.error_message());
    }
    compiled->lastSize = out.size();
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
    auto c = std::make_unique<Pooled>(source);
    c->tmpl.set_custom_escape(escapeHtml);
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
