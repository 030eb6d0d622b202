#include "extractors/eval.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/util/text.hpp"

namespace polgraph {

std::string eval_key(const std::string& s) {
    return casefold(collapse_spaces(normalize_text(s)));
}

std::map<std::string, GoldArticle> parse_gold(const nlohmann::json& j, const std::string& name) {
    if (!j.is_object() || !j.contains("articles") || !j["articles"].is_object())
        throw Error(name + ": expected {\"schema\": \"polgraph-gold-1\", \"articles\": {...}}");
    std::map<std::string, GoldArticle> out;
    for (auto it = j["articles"].begin(); it != j["articles"].end(); ++it) {
        if (!it.value().is_object())
            throw Error(name + ": article \"" + it.key() + "\" is not an object");
        GoldArticle g;
        for (auto f = it.value().begin(); f != it.value().end(); ++f) {
            if (f.key() == "aliases") {
                if (!f.value().is_object())
                    throw Error(name + ": \"aliases\" of \"" + it.key() + "\" must be an object");
                for (auto a = f.value().begin(); a != f.value().end(); ++a)
                    for (const auto& s : a.value())
                        if (s.is_string()) g.aliases[a.key()].push_back(s.get<std::string>());
                continue;
            }
            if (!f.value().is_array())
                throw Error(name + ": \"" + f.key() + "\" of \"" + it.key() + "\" must be a list");
            for (const auto& s : f.value())
                if (s.is_string()) g.entities[f.key()].push_back(s.get<std::string>());
        }
        out.emplace(it.key(), std::move(g));
    }
    return out;
}

namespace {

// Words of a normalised key, split at spaces and hyphens.
std::vector<std::string> key_words(const std::string& key) {
    std::vector<std::string> words;
    std::string w;
    for (char c : key) {
        if (c == ' ' || c == '-') {
            if (!w.empty())
                words.push_back(std::move(w));
            w.clear();
        } else {
            w += c;
        }
    }
    if (!w.empty())
        words.push_back(std::move(w));
    return words;
}

// Whether one word sequence contains the other (a name too long or too short).
bool nested(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    const auto& longer = a.size() >= b.size() ? a : b;
    const auto& shorter = a.size() >= b.size() ? b : a;
    if (shorter.empty() || shorter.size() == longer.size())
        return false;
    return std::search(longer.begin(), longer.end(), shorter.begin(), shorter.end()) !=
           longer.end();
}

} // namespace

EvalResult evaluate(const std::vector<ArticleRecord>& records,
                    const std::map<std::string, GoldArticle>& gold) {
    EvalResult res;
    for (const auto& r : records) {
        std::string file = r.path.substr(r.path.find_last_of('/') + 1);
        auto git = gold.find(file);
        if (git == gold.end())
            git = gold.find(r.id);
        if (git == gold.end())
            continue;
        const GoldArticle& g = git->second;
        ++res.articles;
        const std::size_t first_error = res.errors.size();
        std::set<std::string> types;
        for (const auto& [t, _] : g.entities)
            types.insert(t);
        for (const auto& e : r.entities)
            types.insert(e.type);
        // Gold keys per entity, per type.
        struct GoldEntity {
            std::string type, name;
            std::set<std::string> keys;
            bool used = false;
        };
        std::vector<GoldEntity> gents;
        for (const auto& [type, names] : g.entities)
            for (const auto& name : names) {
                std::set<std::string> keys{eval_key(name)};
                if (auto a = g.aliases.find(name); a != g.aliases.end())
                    for (const auto& al : a->second)
                        keys.insert(eval_key(al));
                gents.push_back({type, name, std::move(keys), false});
            }
        auto pred_keys = [](const EntityRecord& e) {
            std::set<std::string> keys{eval_key(e.name)};
            for (const auto& f : e.forms)
                keys.insert(eval_key(f));
            return keys;
        };
        auto meets = [](const std::set<std::string>& a, const std::set<std::string>& b) {
            for (const auto& k : a)
                if (b.count(k))
                    return true;
            return false;
        };
        for (const auto& type : types) {
            TypeScore& ts = res.by_type[type];
            std::vector<std::size_t> gi;
            for (std::size_t k = 0; k < gents.size(); ++k)
                if (gents[k].type == type)
                    gi.push_back(k);
            std::vector<const EntityRecord*> preds;
            for (const auto& e : r.entities)
                if (e.type == type)
                    preds.push_back(&e);
            std::vector<bool> matched(preds.size(), false);
            // Two passes: exact canonical names first, so that a short form ("Seedance") does not
            // take the gold entity that another prediction names exactly ("Seedance 2.0").
            for (int pass = 0; pass < 2; ++pass) {
                for (std::size_t p = 0; p < preds.size(); ++p) {
                    if (matched[p])
                        continue;
                    std::set<std::string> keys{eval_key(preds[p]->name)};
                    if (pass == 1)
                        keys = pred_keys(*preds[p]);
                    for (std::size_t k : gi) {
                        if (matched[p])
                            break;
                        if (gents[k].used)
                            continue;
                        bool hit = pass == 0 ? keys.count(eval_key(gents[k].name)) > 0
                                             : meets(keys, gents[k].keys);
                        if (hit)
                            matched[p] = gents[k].used = true;
                    }
                }
            }
            for (std::size_t p = 0; p < preds.size(); ++p) {
                if (matched[p]) {
                    ++ts.tp;
                    continue;
                }
                ++ts.fp;
                EvalError err{r.id, type, preds[p]->name, true, "spurious", "", preds[p]->id};
                const auto keys = pred_keys(*preds[p]);
                const auto words = key_words(eval_key(preds[p]->name));
                for (std::size_t k : gi)
                    if (meets(keys, gents[k].keys)) {
                        err.kind = gents[k].keys.count(eval_key(preds[p]->name)) ? "duplicate"
                                                                                 : "wrong referent";
                        err.related = type + ":" + gents[k].name;
                        break;
                    }
                if (err.kind == "spurious")
                    for (const auto& ge : gents)
                        if (ge.type != type && meets(keys, ge.keys)) {
                            err.kind = "wrong type";
                            err.related = ge.type + ":" + ge.name;
                            break;
                        }
                if (err.kind == "spurious")
                    for (std::size_t k : gi)
                        for (const auto& key : gents[k].keys)
                            if (err.kind == "spurious" && nested(words, key_words(key))) {
                                err.kind = "boundary";
                                err.related = type + ":" + gents[k].name;
                            }
                res.errors.push_back(std::move(err));
            }
            for (std::size_t k : gi)
                if (!gents[k].used) {
                    ++ts.fn;
                    res.errors.push_back({r.id, type, gents[k].name, false, "missed", "", ""});
                }
        }
        // A miss found under another name or type: say which.
        for (std::size_t m = first_error; m < res.errors.size(); ++m) {
            EvalError& miss = res.errors[m];
            if (miss.false_positive)
                continue;
            for (std::size_t f = first_error; f < res.errors.size(); ++f)
                if (res.errors[f].false_positive &&
                    res.errors[f].related == miss.type + ":" + miss.name)
                    miss.related = res.errors[f].type + ":" + res.errors[f].name;
        }
    }
    for (const auto& [t, s] : res.by_type) {
        res.overall.tp += s.tp;
        res.overall.fp += s.fp;
        res.overall.fn += s.fn;
    }
    return res;
}

} // namespace polgraph
