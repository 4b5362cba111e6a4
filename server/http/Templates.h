// Mustache templates, loaded and compiled once at start from web/templates.
//
// - A template's name is its path below the folder without ".mustache": "layout",
//   "errors/error", "home/index". Files under partials/ are partials, included as {{> name}};
//   they are expanded into the including template at load time (depth limit 8).
// - load() throws std::runtime_error naming the first template that does not compile, so a
//   broken template stops the start instead of failing a user's request.
// - {{x}} is HTML-escaped (& < > " '); only the layout's {{{body}}} slot is unescaped.
// - Thread safety: compiled templates are cached per thread; render() may be called from any
//   number of threads at once.
#pragma once

#include <kainjow/mustache.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kituo::http {

using View = kainjow::mustache::data;

// HTML-escapes & < > " ' (what {{x}} does in every template).
std::string escapeHtml(const std::string& text);

class Templates {
public:
    // Loads and compiles every template below `directory`.
    explicit Templates(const std::string& directory);

    bool has(const std::string& name) const { return _sources.count(name) != 0; }
    std::vector<std::string> names() const;

    // Renders one template with the view. Throws std::runtime_error for an unknown name.
    std::string render(const std::string& name, const View& view) const;

    // Renders `name` and places it in the layout's body slot. `page` carries what the layout
    // shows (title, flash, the signed-in user, navigation); the body view never reaches it.
    std::string renderPage(const std::string& name, const View& view, View page) const;
    // Places an already rendered body in the layout.
    std::string wrapInLayout(std::string body, View page) const;

private:
    struct Pooled {
        explicit Pooled(const std::string& source) : tmpl(source) {}
        kainjow::mustache::mustache tmpl;
        std::size_t lastSize = 0;  // of this copy's last output: the next one is usually alike
    };
    using Compiled = std::unique_ptr<Pooled>;
    std::string expandPartials(const std::string& name, const std::string& text, int depth) const;
    Compiled borrow(const std::string& name, const std::string& source) const;
    void giveBack(const std::string& name, Compiled compiled) const;

    std::map<std::string, std::string> _partials;
    std::map<std::string, std::string> _sources;  // with partials expanded
    // Compiled templates not in use. A kainjow template may not render on two threads at once,
    // so each render borrows one; there are only as many copies of a template as renders of it
    // ever ran at the same time (a handful), however many worker threads the server has.
    mutable std::mutex _mutex;
    mutable std::map<std::string, std::vector<Compiled>> _idle;
};

}  // namespace kituo::http
