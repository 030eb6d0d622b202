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

EvalResult evaluate(const std::vector<ArticleRecord>& records,
                    const std::map<std::string, GoldArticle>& gold) {
    EvalResult res;
    for (const auto& r : records) {
        std::string file = r.path.substr(r.path.find_last_of('/') + 1);
        auto git = gold.find(file);
        if (git == gold.end()) git = gold.find(r.id);
        if (git == gold.end()) continue;
        const GoldArticle& g = git->second;
        ++res.articles;
        std::set<std::string> types;
        for (const auto& [t, _] : g.entities) types.insert(t);
        for (const auto& e : r.entities) types.insert(e.type);
        for (const auto& type : types) {
            // Gold keys per entity.
            std::vector<std::pair<std::string, std::set<std::string>>> gents;
            if (auto it = g.entities.find(type); it != g.entities.end())
                for (const auto& name : it->second) {
                    std::set<std::string> keys{eval_key(name)};
                    if (auto a = g.aliases.find(name); a != g.aliases.end())
                        for (const auto& al : a->second) keys.insert(eval_key(al));
                    gents.emplace_back(name, std::move(keys));
                }
            std::vector<bool> used(gents.size(), false);
            TypeScore& ts = res.by_type[type];
            std::vector<const EntityRecord*> preds;
            for (const auto& e : r.entities)
                if (e.type == type) preds.push_back(&e);
            std::vector<bool> matched(preds.size(), false);
            // Two passes: exact canonical names first, so that a short form ("Seedance") does not
            // take the gold entity that another prediction names exactly ("Seedance 2.0").
            for (int pass = 0; pass < 2; ++pass) {
                for (std::size_t p = 0; p < preds.size(); ++p) {
                    if (matched[p]) continue;
                    std::set<std::string> keys{eval_key(preds[p]->name)};
                    if (pass == 1)
                        for (const auto& f : preds[p]->forms) keys.insert(eval_key(f));
                    for (std::size_t k = 0; k < gents.size() && !matched[p]; ++k) {
                        if (used[k]) continue;
                        bool hit = false;
                        if (pass == 0) hit = keys.count(eval_key(gents[k].first)) > 0;
                        else
                            for (const auto& key : keys)
                                if (gents[k].second.count(key)) hit = true;
                        if (hit) matched[p] = used[k] = true;
                    }
                }
            }
            for (std::size_t p = 0; p < preds.size(); ++p) {
                if (matched[p]) ++ts.tp;
                else {
                    ++ts.fp;
                    res.errors.push_back({r.id, type, preds[p]->name, true});
                }
            }
            for (std::size_t k = 0; k < gents.size(); ++k)
                if (!used[k]) {
                    ++ts.fn;
                    res.errors.push_back({r.id, type, gents[k].first, false});
                }
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
