#include "extractors/topic_extractor.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/text.hpp"

namespace polgraph {

TopicTaxonomy TopicTaxonomy::load(const std::string& data_dir) {
    TopicTaxonomy t;
    std::filesystem::path p = std::filesystem::path(data_dir) / "topics.json";
    if (!std::filesystem::exists(p)) return t;
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    t.add_json(ss.str(), p.string());
    return t;
}

void TopicTaxonomy::add_json(std::string_view text, const std::string& file) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw ParseError(file, std::string("invalid JSON: ") + e.what());
    }
    if (!j.is_array()) throw ParseError(file, "expected a JSON array of topics");
    for (const auto& jt : j) {
        if (!jt.is_object() || !jt.contains("id") || !jt["id"].is_string())
            throw ParseError(file, "every topic needs a string \"id\"");
        Topic t;
        t.id = "topic:" + slugify(jt["id"].get<std::string>());
        t.label = jt.value("label", jt["id"].get<std::string>());
        if (jt.contains("parent") && jt["parent"].is_string())
            t.parent = "topic:" + slugify(jt["parent"].get<std::string>());
        if (jt.contains("cues") && jt["cues"].is_object())
            for (auto c = jt["cues"].begin(); c != jt["cues"].end(); ++c) {
                if (!c.value().is_number()) continue;
                Tokenized tk = tokenize_text(c.key());
                std::vector<std::string> toks;
                for (const auto& x : tk.tokens) toks.push_back(x.norm);
                if (!toks.empty()) t.cues.emplace_back(std::move(toks), c.value().get<double>());
            }
        topics_.push_back(std::move(t));
    }
    std::sort(topics_.begin(), topics_.end(),
              [](const Topic& a, const Topic& b) { return a.id < b.id; });
    for (std::size_t i = 0; i < topics_.size(); ++i) {
        by_phrase_.emplace(casefold(topics_[i].label), i);
        by_phrase_.emplace(topics_[i].id.substr(6), i);
        for (std::size_t c = 0; c < topics_[i].cues.size(); ++c) {
            index_[topics_[i].cues[c].first.front()].emplace_back(i, c);
            std::string phrase;
            for (const auto& tok : topics_[i].cues[c].first) phrase += (phrase.empty() ? "" : " ") + tok;
            by_phrase_.emplace(phrase, i);
        }
    }
}

const std::vector<std::pair<std::size_t, std::size_t>>*
TopicTaxonomy::cues_starting(const std::string& tok) const {
    auto it = index_.find(tok);
    return it == index_.end() ? nullptr : &it->second;
}

long TopicTaxonomy::match_phrase(std::string_view phrase) const {
    Tokenized tk = tokenize_text(phrase);
    std::string key;
    for (const auto& x : tk.tokens) key += (key.empty() ? "" : " ") + x.norm;
    auto it = by_phrase_.find(key);
    if (it == by_phrase_.end()) return -1;
    return static_cast<long>(it->second);
}

std::vector<TopicRecord> TopicExtractor::extract(const Article& a, const Tokenized& t,
                                                 double min_score) const {
    const auto& tk = t.tokens;
    std::map<std::size_t, double> raw;
    for (std::size_t i = 0; i < tk.size(); ++i) {
        const auto* list = tax_.cues_starting(tk[i].norm);
        if (!list) continue;
        auto kind = a.blocks[tk[i].block].kind;
        double boost = (kind == Block::Kind::Title || kind == Block::Kind::Subtitle ||
                        kind == Block::Kind::Description || kind == Block::Kind::Heading)
                           ? 2.0
                           : 1.0;
        for (const auto& [ti, ci] : *list) {
            const auto& cue = tax_.topics()[ti].cues[ci];
            const auto& toks = cue.first;
            if (i + toks.size() > tk.size()) continue;
            bool ok = true;
            for (std::size_t k = 1; k < toks.size() && ok; ++k)
                ok = tk[i + k].norm == toks[k] && tk[i + k].block == tk[i].block;
            if (ok) raw[ti] += cue.second * boost;
        }
    }
    std::vector<TopicRecord> out;
    for (const auto& [ti, s] : raw) {
        // Repetition counts, with diminishing returns.
        double score = std::log1p(s);
        if (score < min_score) continue;
        const Topic& tp = tax_.topics()[ti];
        out.push_back({tp.id, tp.label, round_score(score), tp.parent, "taxonomy"});
    }
    for (const auto& tag : a.tags) {
        long ti = tax_.match_phrase(tag);
        std::string id, name, parent;
        std::string source = "front-matter";
        if (ti >= 0) {
            const Topic& tp = tax_.topics()[static_cast<std::size_t>(ti)];
            id = tp.id;
            name = tp.label;
            parent = tp.parent;
            source = "taxonomy";
        } else {
            id = "topic:" + slugify(tag);
            name = tag;
        }
        auto it = std::find_if(out.begin(), out.end(), [&](const TopicRecord& r) { return r.id == id; });
        if (it != out.end()) it->score = round_score(it->score + 1.0);
        else out.push_back({id, name, 1.0, parent, source});
    }
    return out;
}

} // namespace polgraph
