#include "extractors/topic_extractor.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/util/text.hpp"

namespace polgraph {

namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

std::string plural_word(const std::string& w) {
    if (w.size() >= 2 && w.back() == 'y' && !is_vowel(w[w.size() - 2]))
        return w.substr(0, w.size() - 1) + "ies";
    if (w.ends_with("s") || w.ends_with("x") || w.ends_with("z") || w.ends_with("ch") ||
        w.ends_with("sh"))
        return w + "es";
    return w + "s";
}

std::vector<std::string> phrase_tokens(std::string_view phrase) {
    std::vector<std::string> out;
    for (const auto& t : tokenize_text(phrase).tokens) out.push_back(t.norm);
    return out;
}

std::string join(const std::vector<std::string>& toks) {
    std::string s;
    for (const auto& t : toks) s += (s.empty() ? "" : " ") + t;
    return s;
}

// Splits a hashtag written in camel case ("ExportControls" -> "Export Controls"); other text is
// returned unchanged.
std::string split_camel(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (i > 0 && c >= 'A' && c <= 'Z' && s[i - 1] >= 'a' && s[i - 1] <= 'z') out += ' ';
        out += c;
    }
    return out;
}

} // namespace

std::vector<double> block_position_weights(const Article& a) {
    std::vector<double> w(a.blocks.size(), 1.0);
    bool first_paragraph = true;
    for (std::size_t b = 0; b < a.blocks.size(); ++b) {
        switch (a.blocks[b].kind) {
        case Block::Kind::Title: w[b] = 2.0; break;
        case Block::Kind::Subtitle:
        case Block::Kind::Description:
        case Block::Kind::Heading: w[b] = 1.5; break;
        case Block::Kind::Meta: w[b] = 0.5; break;
        case Block::Kind::Paragraph:
            w[b] = first_paragraph ? 1.5 : 1.0;
            first_paragraph = false;
            break;
        }
    }
    return w;
}

std::string singular_word(const std::string& w, std::size_t min_len) {
    static const std::unordered_set<std::string> keep = {"news", "series", "species", "means",
                                                         "lens", "whereas", "always", "perhaps"};
    if (w.size() < min_len || keep.count(w) || w.back() != 's') return w;
    for (const char* s : {"ss", "us", "is", "ics", "ias"})
        if (w.ends_with(s)) return w;
    if (w.ends_with("ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
    for (const char* s : {"sses", "shes", "ches", "xes", "zzes"})
        if (w.ends_with(s)) return w.substr(0, w.size() - 2);
    return w.substr(0, w.size() - 1);
}

std::string normalize_topic_phrase(std::string_view phrase) {
    std::string_view p = trim(phrase);
    while (!p.empty() && p.front() == '#') p.remove_prefix(1);
    std::vector<std::string> toks = phrase_tokens(p);
    if (!toks.empty()) toks.back() = singular_word(toks.back());
    return join(toks);
}

std::optional<std::string> read_data_file(const std::string& data_dir, const std::string& name,
                                          const std::string& what) {
    std::filesystem::path p = std::filesystem::path(data_dir) / name;
    if (!std::filesystem::exists(p)) return std::nullopt;
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    if (!in || !(ss << in.rdbuf())) throw IoError(p.string() + ": cannot read the " + what);
    return ss.str();
}

TopicTaxonomy TopicTaxonomy::load(const std::string& data_dir) {
    TopicTaxonomy t;
    if (auto text = read_data_file(data_dir, "topics.json", "topic taxonomy"))
        t.add_json(*text, (std::filesystem::path(data_dir) / "topics.json").string());
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
    std::vector<Topic> added;
    for (const auto& jt : j) {
        if (!jt.is_object() || !jt.contains("id") || !jt["id"].is_string() ||
            slugify(jt["id"].get<std::string>()).empty())
            throw ParseError(file, "every topic needs a non-empty string \"id\"");
        Topic t;
        t.id = "topic:" + slugify(jt["id"].get<std::string>());
        auto label = jt.find("label");
        t.label = label != jt.end() && label->is_string() ? label->get<std::string>()
                                                          : jt["id"].get<std::string>();
        if (auto p = jt.find("parent"); p != jt.end() && p->is_string() && !p->get<std::string>().empty())
            t.parent = "topic:" + slugify(p->get<std::string>());
        if (auto c = jt.find("cues"); c != jt.end() && !c->is_null()) {
            if (!c->is_object())
                throw ParseError(file, t.id + ": \"cues\" must map phrases to weights");
            // A cue matches as written and with its last word singular or plural; cues with the
            // same key (spelling variants) merge, keeping the larger weight. A one-word cue
            // written in the plural keeps to the plural: its singular is often another word
            // ("unions" / "European Union", "actors" / "bad actor", "damages" / "damage").
            std::map<std::string, std::pair<double, std::set<std::vector<std::string>>>> by_key;
            std::vector<std::pair<std::vector<std::string>, double>> plural_words;
            for (auto it = c->begin(); it != c->end(); ++it) {
                if (!it.value().is_number() || !(it.value().get<double>() > 0))
                    throw ParseError(file, t.id + ": cue \"" + it.key() +
                                               "\" needs a positive number as its weight");
                std::vector<std::string> toks = phrase_tokens(it.key());
                if (toks.empty()) continue;
                std::vector<std::string> sing = toks, plur = toks;
                sing.back() = singular_word(toks.back());
                if (toks.size() == 1 && sing != toks) {
                    plural_words.emplace_back(std::move(toks), it.value().get<double>());
                    continue;
                }
                plur.back() = plural_word(sing.back());
                auto& slot = by_key[join(sing)];
                slot.first = std::max(slot.first, it.value().get<double>());
                slot.second.insert({toks, sing, plur});
            }
            for (auto& [toks, w] : plural_words) {
                auto it = by_key.find(singular_word(toks.front()));
                if (it == by_key.end()) it = by_key.try_emplace(toks.front()).first;
                it->second.first = std::max(it->second.first, w);
                it->second.second.insert(toks);
            }
            for (auto& [key, v] : by_key)
                t.cues.push_back({key, v.first, {v.second.begin(), v.second.end()}});
        }
        added.push_back(std::move(t));
    }
    std::set<std::string> ids;
    for (const auto& t : topics_) ids.insert(t.id);
    for (const auto& t : added)
        if (!ids.insert(t.id).second) throw ParseError(file, "duplicate topic id \"" + t.id + "\"");
    for (auto& t : added) topics_.push_back(std::move(t));
    std::map<std::string, std::string> labels;
    for (const auto& t : topics_) labels[t.id] = t.label;
    for (auto& t : topics_) {
        if (t.parent.empty()) continue;
        auto p = labels.find(t.parent);
        if (p == labels.end() || t.parent == t.id)
            throw ParseError(file, t.id + ": unknown parent \"" + t.parent + "\"");
        t.parent_label = p->second;
    }
    reindex();
}

void TopicTaxonomy::reindex() {
    std::sort(topics_.begin(), topics_.end(),
              [](const Topic& a, const Topic& b) { return a.id < b.id; });
    index_ = {};
    by_phrase_.clear();
    max_cue_tokens_ = 0;
    for (std::size_t i = 0; i < topics_.size(); ++i) {
        by_phrase_.emplace(normalize_topic_phrase(topics_[i].label), i);
        by_phrase_.emplace(normalize_topic_phrase(topics_[i].id.substr(6)), i);
    }
    for (std::size_t i = 0; i < topics_.size(); ++i)
        for (std::size_t c = 0; c < topics_[i].cues.size(); ++c) {
            by_phrase_.emplace(topics_[i].cues[c].key, i);
            by_phrase_.emplace(normalize_topic_phrase(topics_[i].cues[c].key), i);
            const auto& vars = topics_[i].cues[c].variants;
            for (std::size_t v = 0; v < vars.size(); ++v) {
                index_.insert(vars[v].front()).push_back({i, c, v});
                max_cue_tokens_ = std::max(max_cue_tokens_, vars[v].size());
            }
        }
}

const std::vector<TopicTaxonomy::CueRef>*
TopicTaxonomy::cues_starting(std::string_view tok) const {
    return index_.find(tok);
}

long TopicTaxonomy::match_phrase(std::string_view phrase) const {
    auto it = by_phrase_.find(normalize_topic_phrase(phrase));
    if (it == by_phrase_.end()) return -1;
    return static_cast<long>(it->second);
}

TopicExtractor::Result TopicExtractor::extract(const Article& a, const Tokenized& t,
                                               double min_score) const {
    const auto& tk = t.tokens;
    const std::vector<double> where = block_position_weights(a);
    // Every cue match: at each token, the longest cue of each topic. "non-profit" is no match
    // for "profit".
    struct Match {
        std::size_t topic, cue, start, len;
    };
    std::vector<Match> found;
    std::vector<Match> best; // at this token, per topic its longest cue
    for (std::size_t i = 0; i < tk.size(); ++i) {
        const auto* list = tax_.cues_starting(tk[i].norm);
        if (!list || (i > 0 && tk[i].joiner_before == '-' && tk[i - 1].norm == "non")) continue;
        best.clear();
        for (const auto& ref : *list) {
            const auto& toks = tax_.topics()[ref.topic].cues[ref.cue].variants[ref.variant];
            if (i + toks.size() > tk.size()) continue;
            bool ok = true;
            for (std::size_t k = 1; k < toks.size() && ok; ++k)
                ok = tk[i + k].norm == toks[k] && tk[i + k].block == tk[i].block &&
                     !tk[i + k].hard_before;
            if (!ok) continue;
            auto b = std::find_if(best.begin(), best.end(),
                                  [&](const Match& m) { return m.topic == ref.topic; });
            if (b == best.end()) best.push_back({ref.topic, ref.cue, i, toks.size()});
            else if (toks.size() > b->len) *b = {ref.topic, ref.cue, i, toks.size()};
        }
        std::sort(best.begin(), best.end(),
                  [](const Match& x, const Match& y) { return x.topic < y.topic; });
        found.insert(found.end(), best.begin(), best.end());
    }
    // A match inside a longer match of an unrelated topic is a word of another phrase ("actors"
    // in "bad actors", "national security" in "national security review") and does not count;
    // inside a match of the same topic, its parent or a child it is the same evidence. A topic's
    // counted matches do not overlap.
    auto related = [&](std::size_t x, std::size_t y) {
        const auto& tx = tax_.topics()[x];
        const auto& ty = tax_.topics()[y];
        return x == y || tx.parent == ty.id || ty.parent == tx.id;
    };
    std::map<std::size_t, std::map<std::size_t, double>> mass; // topic -> cue -> positional mass
    std::unordered_map<std::size_t, std::size_t> covered; // topic -> first token not covered
    std::size_t window = 0; // first match that may contain the current one
    for (std::size_t m = 0; m < found.size(); ++m) {
        const Match& x = found[m];
        while (found[window].start + tax_.max_cue_tokens() < x.start) ++window;
        bool inside = false;
        for (std::size_t o = window; o < found.size() && found[o].start <= x.start && !inside; ++o) {
            const Match& y = found[o];
            inside = y.len > x.len && y.start + y.len >= x.start + x.len && !related(x.topic, y.topic);
        }
        if (inside) continue;
        auto& cov = covered[x.topic];
        if (x.start < cov) continue;
        cov = x.start + x.len;
        mass[x.topic][x.cue] += where[tk[x.start].block];
    }
    std::vector<TopicRecord> out;
    std::vector<std::string> found_cues;
    for (const auto& [ti, cues] : mass) {
        const Topic& tp = tax_.topics()[ti];
        TopicRecord r{tp.id, tp.label, 0, tp.parent, "taxonomy", tp.parent_label, {}};
        for (const auto& [ci, m] : cues) {
            const TopicCue& cue = tp.cues[ci];
            double v = round_score(cue.weight * (1.0 + std::log(m)) / kTopicScoreUnit);
            if (v <= 0) continue;
            r.cues[cue.key] = v;
            r.score += v;
            found_cues.push_back(cue.key);
        }
        if (!r.cues.empty()) out.push_back(std::move(r));
    }
    std::sort(found_cues.begin(), found_cues.end());
    found_cues.erase(std::unique(found_cues.begin(), found_cues.end()), found_cues.end());
    for (const auto& tag : a.tags) {
        std::string norm = normalize_topic_phrase(tag);
        if (norm.empty()) continue;
        long ti = tax_.match_phrase(tag);
        std::string_view bare = trim(tag);
        if (ti < 0 && !bare.empty() && bare.front() == '#') ti = tax_.match_phrase(split_camel(bare));
        TopicRecord r;
        if (ti >= 0) {
            const Topic& tp = tax_.topics()[static_cast<std::size_t>(ti)];
            r = {tp.id, tp.label, 0, tp.parent, "taxonomy", tp.parent_label, {}};
        } else {
            while (!bare.empty() && bare.front() == '#') bare.remove_prefix(1);
            std::string name(bare);
            std::replace(name.begin(), name.end(), '_', ' ');
            r = {"topic:" + slugify(norm), collapse_spaces(name), 0, "", "front-matter", "", {}};
        }
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const TopicRecord& x) { return x.id == r.id; });
        if (it == out.end()) it = out.insert(out.end(), std::move(r));
        if (it->cues.emplace("#" + norm, kTagScore).second) it->score += kTagScore;
    }
    // Damping at fold time only lowers scores: what misses the threshold here never makes it.
    for (auto& r : out) r.score = round_score(r.score);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const TopicRecord& r) {
                                 return r.score < round_score(min_score) &&
                                        std::none_of(r.cues.begin(), r.cues.end(), [](const auto& c) {
                                            return c.first.front() == '#';
                                        });
                             }),
              out.end());
    std::sort(out.begin(), out.end(), [](const TopicRecord& x, const TopicRecord& y) {
        return x.score != y.score ? x.score > y.score : x.id < y.id;
    });
    return {std::move(out), std::move(found_cues)};
}

} // namespace polgraph
