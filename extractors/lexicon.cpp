#include "extractors/lexicon.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/util/text.hpp"

namespace polgraph {

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return "";
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

void Lexicon::add_patterns_json(std::string_view text, const std::string& file) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw ParseError(file, std::string("invalid JSON: ") + e.what());
    }
    if (!j.is_object()) throw ParseError(file, "expected a JSON object of word lists");
    auto fill = [&](const char* key, std::unordered_set<std::string>& set) {
        auto it = j.find(key);
        if (it == j.end()) return;
        if (!it->is_array()) throw ParseError(file, std::string("\"") + key + "\" must be a list");
        for (const auto& w : *it)
            if (w.is_string()) set.insert(casefold(w.get<std::string>()));
    };
    fill("person_titles", person_titles);
    fill("role_words", role_words);
    fill("reporting_verbs", reporting_verbs);
    fill("org_suffixes", org_suffixes);
    fill("org_heads_with_of", org_heads_with_of);
    fill("org_context_before", org_context_before);
    fill("org_context_after", org_context_after);
    fill("model_version_words", model_version_words);
    fill("model_context", model_context);
    fill("model_family_exclude", model_family_exclude);
    fill("not_entity_followers", not_entity_followers);
    fill("function_words", function_words);
    fill("weak_org_suffixes", weak_org_suffixes);
    fill("policy_suffixes", policy_suffixes);
    fill("bill_prefixes", bill_prefixes);
    fill("name_particles", name_particles);
    fill("not_names", not_names);
    fill("months", months);
    fill("weekdays", weekdays);
}

void Lexicon::add_given_names(std::string_view text) {
    for (auto& line : split(text, '\n')) {
        auto t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        given_names.insert(casefold(normalize_text(t)));
    }
}

Lexicon Lexicon::load(const std::string& data_dir) {
    namespace fs = std::filesystem;
    Lexicon lex;
    fs::path p = fs::path(data_dir) / "patterns.json";
    if (fs::exists(p)) lex.add_patterns_json(slurp(p), p.string());
    fs::path names = fs::path(data_dir) / "names" / "given_names.txt";
    if (fs::exists(names)) lex.add_given_names(slurp(names));
    return lex;
}

} // namespace polgraph
