// `polgraph eval`: precision, recall and F1 of entity extraction against a gold file.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "extractors/eval.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"
#include "store/inputs.hpp"

namespace polgraph::cli {

namespace {

struct EvalOptions {
    std::string gold;
    std::vector<std::string> paths;
    std::string data_dir;
    std::string overlay;
    bool json = false;
    bool details = false;
};

void run_eval(const EvalOptions& o) {
    std::ifstream in(o.gold, std::ios::binary);
    if (!in) throw IoError(o.gold + ": cannot open gold file");
    nlohmann::json gj;
    try {
        gj = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(o.gold + ": not valid JSON (" + e.what() + ")");
    }
    auto gold = parse_gold(gj, o.gold);
    std::shared_ptr<Overlay> overlay;
    if (!o.overlay.empty()) overlay = std::make_shared<Overlay>(Overlay::load(o.overlay));
    auto res = Resources::load(resolve_data_dir(o.data_dir), overlay);
    Pipeline pipeline(res, PipelineOptions{});
    std::vector<InputError> errs;
    auto inputs = collect_inputs(o.paths, default_globs(), errs);
    std::vector<ArticleRecord> records;
    // Per article and entity id: the rules and list entries that made its mentions.
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> provenance;
    const Gazetteer& gaz = res->gazetteer;
    for (const auto& e : errs) std::cerr << "polgraph: " << e.path << ": " << e.reason << "\n";
    for (const auto& f : inputs) {
        try {
            std::vector<Mention> mentions;
            records.push_back(pipeline.run(
                read_article(f.path, f.id),
                [&](const Tokenized&, const EntityResult& er) { mentions = er.mentions; }));
            for (const auto& m : mentions) {
                std::string from = m.rule;
                if (m.entry < gaz.entries().size()) {
                    const auto& entry = gaz.entry(m.entry);
                    from += " " + entry.type + ".tsv:" + std::to_string(entry.line);
                }
                auto& list = provenance[{records.back().id, m.id}];
                if (std::find(list.begin(), list.end(), from) == list.end()) list.push_back(from);
            }
        } catch (const Error& e) {
            std::cerr << "polgraph: " << e.what() << "\n";
        }
    }
    auto made_by = [&](const EvalError& e) {
        std::string out;
        auto it = provenance.find({e.article, e.id});
        if (it != provenance.end())
            for (const auto& p : it->second) out += (out.empty() ? "" : ", ") + p;
        return out;
    };
    EvalResult r = evaluate(records, gold);
    if (r.articles == 0) throw Error("no input file matches an article of " + o.gold);
    if (o.json) {
        nlohmann::json j;
        j["articles"] = r.articles;
        auto score = [](const TypeScore& s) {
            return nlohmann::json{{"tp", s.tp}, {"fp", s.fp}, {"fn", s.fn},
                                  {"precision", s.precision()}, {"recall", s.recall()},
                                  {"f1", s.f1()}};
        };
        for (const auto& [t, s] : r.by_type) j["types"][t] = score(s);
        j["overall"] = score(r.overall);
        if (o.details) {
            j["errors"] = nlohmann::json::array();
            for (const auto& e : r.errors)
                j["errors"].push_back({{"article", e.article}, {"type", e.type}, {"name", e.name},
                                       {"kind", e.false_positive ? "false_positive" : "missed"},
                                       {"class", e.kind}, {"related", e.related},
                                       {"made_by", made_by(e)}});
        }
        std::cout << j.dump(2) << "\n";
        return;
    }
    std::printf("%d articles scored against %s\n\n", r.articles, o.gold.c_str());
    std::printf("%-14s %6s %6s %6s %10s %8s %8s\n", "type", "tp", "fp", "fn", "precision", "recall", "F1");
    auto row = [](const std::string& t, const TypeScore& s) {
        std::printf("%-14s %6d %6d %6d %10.3f %8.3f %8.3f\n", t.c_str(), s.tp, s.fp, s.fn,
                    s.precision(), s.recall(), s.f1());
    };
    for (const auto& [t, s] : r.by_type) row(t, s);
    row("overall", r.overall);
    if (o.details) {
        std::printf("\n");
        for (const auto& e : r.errors) {
            std::string note = e.kind;
            if (!e.related.empty()) note += ": " + e.related;
            const std::string from = made_by(e);
            std::printf("%-4s %-40s %-13s %s  [%s]%s%s\n", e.false_positive ? "FP" : "MISS",
                        e.article.c_str(), e.type.c_str(), e.name.c_str(), note.c_str(),
                        from.empty() ? "" : "  <- ", from.c_str());
        }
    }
}

} // namespace

void setup_eval(CLI::App& app) {
    auto o = std::make_shared<EvalOptions>();
    auto* cmd = app.add_subcommand("eval", "Score entity extraction against gold annotations (precision, recall, F1)");
    cmd->add_option("--gold", o->gold, "Gold file (polgraph-gold-1 JSON)")->required();
    cmd->add_option("paths", o->paths, "Article files or directories")->required();
    cmd->add_option("--data", o->data_dir, "Data directory (gazetteers, topics)");
    cmd->add_option("--overlay", o->overlay, "Curation overlay, as for extract")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--json", o->json, "Print the scores as JSON");
    cmd->add_flag("--details", o->details,
                  "List every false positive and missed entity, with its class (wrong type, "
                  "boundary, duplicate, wrong referent, spurious, missed) and the rules or list "
                  "entries that made it");
    cmd->callback([o]() { run_eval(*o); });
}

} // namespace polgraph::cli
