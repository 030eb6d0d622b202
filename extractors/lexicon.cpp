#include "extractors/lexicon.hpp"

#include <algorithm>
#include <array>
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
    if (!in)
        return "";
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
    if (!j.is_object())
        throw ParseError(file, "expected a JSON object of word lists");
    auto fill = [&](const char* key, std::unordered_set<std::string>& set) {
        auto it = j.find(key);
        if (it == j.end())
            return;
        if (!it->is_array())
            throw ParseError(file, std::string("\"") + key + "\" must be a list");
        for (const auto& w : *it)
            if (w.is_string())
                set.insert(casefold(w.get<std::string>()));
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
    fill("post_nominals", post_nominals);
    fill("peerage_titles", peerage_titles);
    fill("not_person_words", not_person_words);
    fill("position_words", position_words);
    fill("org_apposition_heads", org_apposition_heads);
}

void Lexicon::add_given_names(std::string_view text) {
    for (auto& line : split(text, '\n')) {
        auto t = trim(line);
        if (t.empty() || t[0] == '#')
            continue;
        given_names.insert(casefold(normalize_text(t)));
    }
}

namespace {

// Whitespace-separated words of a list file, '#' to the end of a line a comment.
template <class F> void for_each_word(std::string_view text, F&& f) {
    for (auto& line : split(text, '\n')) {
        std::string_view l = line;
        if (auto hash = l.find('#'); hash != std::string_view::npos)
            l = l.substr(0, hash);
        std::size_t i = 0;
        while (i < l.size()) {
            while (i < l.size() && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r'))
                ++i;
            std::size_t b = i;
            while (i < l.size() && l[i] != ' ' && l[i] != '\t' && l[i] != '\r')
                ++i;
            if (i > b)
                f(l.substr(b, i - b));
        }
    }
}

} // namespace

std::size_t Lexicon::origin_index(const std::string& origin) {
    for (std::size_t i = 0; i < name_origins.size(); ++i)
        if (name_origins[i].name == origin)
            return i;
    name_origins.push_back({origin, false, {}});
    return name_origins.size() - 1;
}

void Lexicon::add_surnames(std::string_view text, const std::string& origin,
                           const std::string& file) {
    const std::size_t o = origin_index(origin);
    if (o >= 16)
        throw ParseError(file, "more than 16 family-name origins");
    for_each_word(text, [&](std::string_view w) {
        if (w == "[family-name-first]") {
            name_origins[o].family_first = true;
            return;
        }
        const bool ambiguous = w[0] == '~';
        if (ambiguous)
            w.remove_prefix(1);
        if (w.empty())
            return;
        SurnameInfo& info = surnames[casefold(normalize_text(w))];
        (ambiguous ? info.ambiguous : info.origins) |= static_cast<std::uint16_t>(1u << o);
    });
}

void Lexicon::add_syllables(std::string_view text, const std::string& origin) {
    auto& set = name_origins[origin_index(origin)].syllables;
    for_each_word(text, [&](std::string_view w) { set.insert(casefold(w)); });
}

void Lexicon::add_common_words(std::string_view text) {
    for_each_word(text, [&](std::string_view w) {
        if (w.front() != '[')
            common_words.insert(casefold(w));
    });
}

int syllable_count(std::string_view word, const std::unordered_set<std::string>& syllables) {
    constexpr std::size_t kLongest = 6; // "shuang", "zhuang"
    constexpr int kNone = 1 << 20;
    if (word.empty() || word.size() > 40)
        return 0;
    // fewest[i]: fewest syllables that make up word[0, i).
    std::array<int, 41> fewest;
    fewest.fill(kNone);
    fewest[0] = 0;
    std::string piece;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (fewest[i] == kNone)
            continue;
        for (std::size_t len = 1; len <= kLongest && i + len <= word.size(); ++len) {
            piece.assign(word.substr(i, len));
            if (syllables.count(piece))
                fewest[i + len] = std::min(fewest[i + len], fewest[i] + 1);
        }
    }
    return fewest[word.size()] == kNone ? 0 : fewest[word.size()];
}

Lexicon Lexicon::load(const std::string& data_dir) {
    namespace fs = std::filesystem;
    Lexicon lex;
    fs::path p = fs::path(data_dir) / "patterns.json";
    if (fs::exists(p))
        lex.add_patterns_json(slurp(p), p.string());
    fs::path names = fs::path(data_dir) / "names";
    if (fs::exists(names / "given_names.txt"))
        lex.add_given_names(slurp(names / "given_names.txt"));
    // Origins in file-name order, so that the bits do not depend on the directory's order.
    std::vector<fs::path> lists;
    if (fs::is_directory(names))
        for (const auto& f : fs::directory_iterator(names)) {
            const std::string stem = f.path().stem().string();
            if (f.path().extension() == ".txt" && stem.rfind("surnames_", 0) == 0)
                lists.push_back(f.path());
        }
    std::sort(lists.begin(), lists.end());
    for (const auto& f : lists) {
        const std::string origin = f.stem().string().substr(9);
        lex.add_surnames(slurp(f), origin, f.string());
        fs::path syl = names / ("syllables_" + origin + ".txt");
        if (fs::exists(syl))
            lex.add_syllables(slurp(syl), origin);
    }
    fs::path stop = fs::path(data_dir) / "stopwords.txt";
    if (fs::exists(stop))
        lex.add_common_words(slurp(stop));
    return lex;
}

} // namespace polgraph
