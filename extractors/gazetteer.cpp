#include "extractors/gazetteer.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/util/text.hpp"
#include "extractors/overlay.hpp"
#include "extractors/tokenizer.hpp"

namespace polgraph {

namespace fs = std::filesystem;

const std::vector<std::string>& entity_types() {
    static const std::vector<std::string> types = {"person", "organization", "model",
                                                   "policy", "location",     "product"};
    return types;
}

namespace {

// Case rule of one alias token as written: an acronym must match in capitals, a capitalised
// word must match capitalised, a lower-case word matches in any case.
std::uint8_t case_rule_for(std::string_view tok) {
    int letters = 0, uppers = 0;
    bool first_upper = false, first = true;
    bool inner_upper = false;
    std::size_t i = 0;
    while (i < tok.size()) {
        char32_t c = next_codepoint(tok, i);
        if (is_letter(c)) {
            ++letters;
            if (is_upper(c)) ++uppers;
            if (!first && is_upper(c)) inner_upper = true;
            if (first) first_upper = is_upper(c);
        }
        if (first && (is_letter(c) || is_digit(c))) first = false;
    }
    // Short acronyms (US, EU, BIS, AI) only in capitals; longer ones (DBRX, NATO) as names.
    if (letters >= 1 && letters <= 3 && uppers == letters && (letters >= 2 || tok.size() == 1))
        return 2;
    // Short acronyms in mixed case (DoE, DfT) as written or in capitals, never as the word "Doe".
    if (first_upper && inner_upper && uppers < letters && letters <= 4) return 3;
    if (first_upper) return 1;
    return 0;
}

} // namespace

void Gazetteer::add(GazetteerEntry e) {
    if (e.id.empty()) e.id = e.type + ":" + slugify(e.name);
    entries_.push_back(std::move(e));
}

const GazetteerEntry* Gazetteer::unfinalized_entry(const std::string& id) const {
    for (const auto& e : entries_)
        if (e.id == id) return &e;
    return nullptr;
}

void Gazetteer::add_never(std::string_view form) {
    never_.insert(casefold(collapse_spaces(form)));
}

void Gazetteer::add_tsv(std::string_view text, const std::string& type, const std::string& file) {
    std::vector<std::string> header;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string line(text.substr(pos, eol - pos));
        pos = eol + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty() || line[0] == '#') continue;
        if (!is_valid_utf8(line)) throw ParseError(file, "invalid UTF-8", line_no);
        auto cols = split(line, '\t');
        if (header.empty()) {
            header = cols;
            if (header.size() < 2 || header[0] != "name" || header[1] != "aliases")
                throw ParseError(file, "header must start with the columns name, aliases",
                                 line_no);
            continue;
        }
        if (cols.size() != header.size())
            throw ParseError(file,
                             "expected " + std::to_string(header.size()) + " tab-separated "
                                 "columns, found " + std::to_string(cols.size()),
                             line_no);
        GazetteerEntry e;
        e.type = type;
        e.name = collapse_spaces(normalize_text(cols[0]));
        if (e.name.empty()) throw ParseError(file, "empty name", line_no);
        for (auto& a : split(cols[1], '|')) {
            std::string alias = collapse_spaces(normalize_text(a));
            if (!alias.empty() && alias != "~") e.aliases.push_back(alias);
        }
        for (std::size_t c = 2; c < cols.size(); ++c) {
            std::string v = collapse_spaces(normalize_text(cols[c]));
            if (!v.empty()) e.attrs[header[c]] = v;
        }
        e.id = type + ":" + slugify(e.name);
        e.line = static_cast<std::uint32_t>(line_no);
        add(std::move(e));
    }
}

Gazetteer Gazetteer::load(const std::string& data_dir, Overlay* overlay) {
    Gazetteer g;
    fs::path dir = fs::path(data_dir) / "gazetteer";
    if (!fs::is_directory(dir))
        throw Error(dir.string() + ": gazetteer directory not found (use --data DIR)");
    for (const auto& type : entity_types()) {
        fs::path p = dir / (type + ".tsv");
        if (!fs::exists(p)) continue;
        std::ifstream in(p, std::ios::binary);
        if (!in) throw IoError(p.string() + ": cannot open");
        std::stringstream ss;
        ss << in.rdbuf();
        g.add_tsv(ss.str(), type, p.string());
    }
    if (overlay) overlay->apply_to(g);
    g.finalize();
    return g;
}

void Gazetteer::finalize() {
    // Entries with the same id (a name listed twice) are merged: aliases and attributes add up.
    std::vector<GazetteerEntry> merged;
    std::unordered_map<std::string, std::size_t> seen;
    for (auto& e : entries_) {
        auto it = seen.find(e.id);
        if (it == seen.end()) {
            seen.emplace(e.id, merged.size());
            merged.push_back(std::move(e));
        } else {
            auto& m = merged[it->second];
            for (auto& a : e.aliases) m.aliases.push_back(a);
            for (auto& [k, v] : e.attrs) m.attrs.emplace(k, v);
        }
    }
    entries_ = std::move(merged);
    patterns_.clear();
    index_.clear();
    by_id_.clear();
    by_name_.clear();
    model_families_.clear();
    for (std::uint32_t i = 0; i < entries_.size(); ++i) {
        const auto& e = entries_[i];
        by_id_.emplace(e.id, i);
        std::vector<std::pair<std::string, bool>> forms;
        forms.emplace_back(e.name, false);
        for (const auto& a : e.aliases) {
            if (!a.empty() && a[0] == '~') forms.emplace_back(std::string(trim(a.substr(1))), true);
            else forms.emplace_back(a, false);
        }
        // A person's surname alone refers to them once the full name has been seen.
        if (e.type == "person") {
            Tokenized t = tokenize_text(e.name);
            if (t.tokens.size() >= 2) {
                const Token& last = t.tokens.back();
                std::string surname = e.name.substr(last.begin, last.end - last.begin);
                if (surname.size() > 2 && last.cap) forms.emplace_back(surname, true);
            }
        }
        bool first_form = true;
        for (const auto& [form, ambiguous] : forms) {
            Tokenized t = tokenize_text(form);
            if (t.tokens.empty()) continue;
            AliasPattern p;
            p.entry = i;
            p.ambiguous = ambiguous;
            p.canonical = first_form;
            first_form = false;
            for (const auto& tok : t.tokens) {
                p.tokens.push_back(tok.norm);
                p.case_rule.push_back(case_rule_for(form.substr(tok.begin, tok.end - tok.begin)));
            }
            if (!ambiguous) by_name_[casefold(collapse_spaces(form))].push_back(i);
            if (e.type == "model") model_families_[p.tokens[0]]++;
            std::uint32_t pid = static_cast<std::uint32_t>(patterns_.size());
            index_[p.tokens[0]].push_back(pid);
            patterns_.push_back(std::move(p));
        }
        if (e.type == "model") {
            auto f = e.attrs.find("family");
            if (f != e.attrs.end()) {
                Tokenized t = tokenize_text(f->second);
                if (!t.tokens.empty()) model_families_[t.tokens[0].norm]++;
            }
        }
    }
    for (auto& [k, list] : index_) {
        std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
            const auto& pa = patterns_[a];
            const auto& pb = patterns_[b];
            if (pa.tokens.size() != pb.tokens.size()) return pa.tokens.size() > pb.tokens.size();
            if (pa.ambiguous != pb.ambiguous) return !pa.ambiguous;
            return a < b;
        });
    }
}

const std::vector<std::uint32_t>* Gazetteer::candidates(const std::string& norm) const {
    auto it = index_.find(norm);
    return it == index_.end() ? nullptr : &it->second;
}

std::optional<std::uint32_t> Gazetteer::find_id(const std::string& id) const {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::uint32_t> Gazetteer::find_name(std::string_view name) const {
    auto it = by_name_.find(casefold(collapse_spaces(normalize_text(name))));
    if (it == by_name_.end()) return {};
    return it->second;
}

std::string resolve_data_dir(const std::string& explicit_dir) {
    auto ok = [](const std::string& d) {
        return !d.empty() && fs::is_directory(fs::path(d) / "gazetteer");
    };
    if (!explicit_dir.empty()) {
        if (!ok(explicit_dir))
            throw Error(explicit_dir + ": not a polgraph data directory (no gazetteer/ inside)");
        return explicit_dir;
    }
    if (const char* env = std::getenv("POLGRAPH_DATA"); env && *env) {
        if (!ok(env)) throw Error(std::string(env) + ": $POLGRAPH_DATA has no gazetteer/ inside");
        return env;
    }
#ifdef POLGRAPH_SOURCE_DATA_DIR
    if (ok(POLGRAPH_SOURCE_DATA_DIR)) return POLGRAPH_SOURCE_DATA_DIR;
#endif
#ifdef POLGRAPH_INSTALL_DATA_DIR
    if (ok(POLGRAPH_INSTALL_DATA_DIR)) return POLGRAPH_INSTALL_DATA_DIR;
#endif
    // An installed tree moved elsewhere (cmake --install --prefix): <bin>/../share/polgraph.
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path rel = exe.parent_path().parent_path() / "share" / "polgraph";
        if (ok(rel.string())) return rel.string();
    }
    throw Error("no data directory found: pass --data DIR or set $POLGRAPH_DATA");
}

} // namespace polgraph
