// The curation overlay: parsing with line-numbered errors, the gazetteer additions, and the
// record rewrite (merge, type, drop).
#include "extractors/overlay.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/util/text.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/reader.hpp"

namespace polgraph {

namespace {

bool known_type(const std::string& t) {
    const auto& ts = entity_types();
    return std::find(ts.begin(), ts.end(), t) != ts.end();
}

std::string type_list() {
    std::string out;
    for (const auto& t : entity_types()) out += (out.empty() ? "" : ", ") + t;
    return out;
}

// The type of an id "type:slug" ("" when it has no known type prefix or no slug).
std::string type_of(const std::string& id) {
    const auto colon = id.find(':');
    if (colon == std::string::npos || colon + 1 == id.size()) return "";
    const std::string t = id.substr(0, colon);
    return known_type(t) ? t : "";
}

// Sorted union of two sorted lists.
template <class T> void merge_sorted(std::vector<T>& into, const std::vector<T>& from) {
    std::vector<T> out;
    out.reserve(into.size() + from.size());
    std::set_union(into.begin(), into.end(), from.begin(), from.end(), std::back_inserter(out));
    into = std::move(out);
}

} // namespace

Overlay Overlay::parse(std::string_view text, const std::string& file) {
    Overlay o;
    o.file_ = file;
    o.hash_ = content_hash(text);
    std::map<std::string, std::pair<std::string, int>> target; // merge/type: id -> (into, line)
    std::set<std::string> never_seen;
    int line_no = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string line(text.substr(pos, eol - pos));
        pos = eol + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty() || trim(line)[0] == '#') continue;
        auto fail = [&](const std::string& why) { throw ParseError(file, why, line_no); };
        if (!is_valid_utf8(line)) fail("invalid UTF-8");
        std::vector<std::string> cols = split(line, '\t');
        for (auto& c : cols) c = std::string(trim(c));
        const std::string& verb = cols[0];
        auto need = [&](std::size_t lo, std::size_t hi, const char* form) {
            if (cols.size() < lo || cols.size() > hi)
                fail(verb + " takes " + form + ", separated by tabs");
            for (std::size_t i = 1; i < lo; ++i)
                if (cols[i].empty())
                    fail(verb + " takes " + form + "; column " + std::to_string(i + 1) +
                         " is empty");
        };
        // An id as extraction writes it: a known type, then its slug as slugify makes it (no
        // capitals, spaces or control characters, which the graph's files would not keep).
        auto entity_id = [&](const std::string& id) {
            const std::string slug = id.substr(id.find(':') + 1);
            if (type_of(id).empty() || slugify(slug) != slug)
                fail("\"" + printable(id) + "\" is not an entity id (TYPE:slug, TYPE one of " +
                     type_list() + ", the slug in lower case, words joined by '-')");
            return id;
        };
        auto entity_type = [&](const std::string& t) {
            if (!known_type(t)) fail("unknown type \"" + t + "\"; known: " + type_list());
            return t;
        };
        auto set_target = [&](const std::string& id, const std::string& into) {
            if (id == into) fail(verb + ": " + id + " would become itself");
            auto [it, fresh] = target.try_emplace(id, into, line_no);
            if (!fresh && it->second.first != into)
                fail(id + " already becomes " + it->second.first + " (line " +
                     std::to_string(it->second.second) + ")");
        };
        if (verb == "alias") {
            need(3, 3, "ENTITY_ID and FORM");
            o.aliases_.push_back({entity_id(cols[1]), cols[2], line_no});
        } else if (verb == "add") {
            need(3, 4, "TYPE, NAME and optionally ALIAS;ALIAS");
            Added a{entity_type(cols[1]), cols[2], {}};
            if (cols.size() == 4)
                for (auto& al : split(cols[3], ';'))
                    if (!trim(al).empty()) a.aliases.emplace_back(trim(al));
            o.added_.push_back(std::move(a));
        } else if (verb == "never") {
            need(2, 2, "FORM");
            if (never_seen.insert(casefold(collapse_spaces(cols[1]))).second)
                o.never_.push_back(cols[1]);
        } else if (verb == "merge") {
            need(3, 3, "ENTITY_ID and INTO_ID");
            set_target(entity_id(cols[1]), entity_id(cols[2]));
        } else if (verb == "type") {
            need(3, 3, "ENTITY_ID and TYPE");
            const std::string id = entity_id(cols[1]);
            set_target(id, entity_type(cols[2]) + id.substr(id.find(':')));
        } else if (verb == "drop") {
            need(2, 2, "ENTITY_ID or type:TYPE");
            if (cols[1].rfind("type:", 0) == 0)
                o.drop_types_.insert(entity_type(cols[1].substr(5)));
            else o.drops_.insert(entity_id(cols[1]));
        } else {
            fail("unknown directive \"" + printable(verb) +
                 "\"; known: alias, add, never, merge, drop, type");
        }
        ++o.directives_;
    }
    // Chains (A -> B, B -> C) resolve to their end; a cycle is an error at its first line.
    for (const auto& [id, t] : target) {
        std::string at = t.first;
        std::set<std::string> seen{id};
        while (target.count(at)) {
            if (!seen.insert(at).second)
                throw ParseError(file, "merge and type directives make a cycle through " + id,
                                 t.second);
            at = target.at(at).first;
        }
        o.into_[id] = at;
    }
    return o;
}

Overlay Overlay::load(const std::string& path) {
    return parse(read_file_bytes(path, 64ull << 20), path);
}

void Overlay::apply_to(Gazetteer& g) {
    for (const auto& a : added_) {
        GazetteerEntry e;
        e.type = a.type;
        e.name = a.name;
        e.aliases = a.aliases;
        g.add(std::move(e));
    }
    for (const auto& al : aliases_) {
        const GazetteerEntry* known = g.unfinalized_entry(al.id);
        if (!known)
            throw ParseError(file_,
                             "alias: " + al.id +
                                 " is not in the gazetteer; give it first with add<TAB>" +
                                 type_of(al.id) + "<TAB>NAME<TAB>ALIASES",
                             al.line);
        GazetteerEntry e;
        e.id = al.id;
        e.type = known->type;
        e.name = known->name;
        e.aliases = {al.form};
        g.add(std::move(e)); // finalize() folds it into the entry of the same id
    }
    for (const auto& f : never_) g.add_never(f);
    for (const auto& [id, into] : into_)
        if (const GazetteerEntry* known = g.unfinalized_entry(into)) names_[into] = known->name;
}

void Overlay::apply(ArticleRecord& r) const {
    if (!rewrites_records()) return;
    auto dropped = [&](const std::string& id, const std::string& type) {
        return drops_.count(id) > 0 || drop_types_.count(type) > 0;
    };
    auto final_id = [&](const std::string& id) {
        auto it = into_.find(id);
        return it == into_.end() ? id : it->second;
    };
    // Entities kept under their own id first, so that an entity merged into one the article
    // also names adds its mentions to it; one merged into an id the article lacks takes the
    // target's gazetteer name.
    std::map<std::string, EntityRecord> by_id;
    for (int renamed = 0; renamed < 2; ++renamed)
        for (auto& e : r.entities) {
            const std::string id = final_id(e.id);
            if ((id != e.id) != (renamed == 1)) continue;
            if (renamed) {
                e.id = id;
                e.type = type_of(id);
                if (auto n = names_.find(id); n != names_.end()) e.name = n->second;
            }
            if (dropped(e.id, e.type)) continue;
            auto [it, fresh] = by_id.try_emplace(e.id, e);
            if (fresh) continue;
            EntityRecord& m = it->second;
            m.count += e.count;
            merge_sorted(m.forms, e.forms);
            merge_sorted(m.sentences, e.sentences);
            m.in_lead = m.in_lead || e.in_lead;
            if (e.source == "gazetteer") m.source = "gazetteer";
            m.confidence = std::max(m.confidence, e.confidence);
            for (const auto& [k, v] : e.attrs) m.attrs.emplace(k, v);
        }
    r.entities.clear();
    for (auto& [id, e] : by_id) r.entities.push_back(std::move(e));
    std::vector<RelationRecord> rels;
    for (auto& rel : r.relations) {
        rel.source = final_id(rel.source);
        rel.target = final_id(rel.target);
        if (rel.source == rel.target || !by_id.count(rel.source) || !by_id.count(rel.target))
            continue;
        rels.push_back(std::move(rel));
    }
    r.relations = std::move(rels);
    // Renamed ends move relations out of their canonical order, and two relations of one
    // sentence whose ends were merged become one.
    canonicalize(r);
}

} // namespace polgraph
