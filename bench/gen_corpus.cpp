// gen_corpus: a deterministic synthetic corpus in the seed format (YAML front matter + a ```html
// fence), for benchmarks and scale tests.
//
//   gen_corpus N OUTDIR [--seed S] [--data DIR] [--flat]
//
// Articles are 2-12 KB of HTML headings, paragraphs, lists and quotes. Entity mentions are drawn
// from the gazetteers (data/gazetteer/*.tsv: canonical names and aliases) with a Zipf distribution
// per entity type, so a few entities are everywhere and most are rare, as in a news archive;
// topic cue phrases come from data/topics.json. Files go to OUTDIR/YYYY-MM/NNNNNNN_slug.md (or
// straight into OUTDIR with --flat). The output depends only on N, the seed and the data files:
// the generator has its own PRNG and samplers (the standard distributions differ between
// libraries).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

// splitmix64: small, fast and the same on every platform.
struct Rng {
    std::uint64_t s;
    explicit Rng(std::uint64_t seed) : s(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
    bool chance(double p) { return uniform() < p; }
    template <class T> const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
};

struct Entity {
    std::string name;
    std::vector<std::string> aliases; // unambiguous aliases
    std::vector<std::string> ambiguous;
};

// Entities of one type in a seeded random rank order, sampled with a Zipf law over the rank.
struct ZipfPool {
    std::vector<Entity> items;
    std::vector<double> cdf;

    void finish(Rng& rng, double s) {
        for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng.below(i)]);
        double total = 0;
        cdf.clear();
        for (std::size_t k = 0; k < items.size(); ++k) {
            total += 1.0 / std::pow(static_cast<double>(k + 1), s);
            cdf.push_back(total);
        }
        for (auto& c : cdf) c /= total;
    }
    std::size_t draw(Rng& rng) const {
        double u = rng.uniform();
        auto it = std::lower_bound(cdf.begin(), cdf.end(), u);
        return it == cdf.end() ? cdf.size() - 1 : static_cast<std::size_t>(it - cdf.begin());
    }
    std::string surface(Rng& rng, std::size_t k) const {
        const Entity& e = items[k];
        double u = rng.uniform();
        if (!e.aliases.empty() && u < 0.22) return rng.pick(e.aliases);
        if (!e.ambiguous.empty() && u > 0.97) return rng.pick(e.ambiguous);
        return e.name;
    }
};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        std::cerr << "gen_corpus: cannot read " << p << "\n";
        std::exit(1);
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

ZipfPool load_pool(const fs::path& tsv) {
    ZipfPool pool;
    std::istringstream in(read_all(tsv));
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        auto cols = split(line, '\t');
        if (cols.empty() || cols[0].empty()) continue;
        Entity e;
        e.name = cols[0];
        if (cols.size() > 1 && !cols[1].empty())
            for (auto& a : split(cols[1], '|')) {
                if (a.empty()) continue;
                if (a[0] == '~') e.ambiguous.push_back(a.substr(1));
                else e.aliases.push_back(a);
            }
        pool.items.push_back(std::move(e));
    }
    return pool;
}

std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::string yaml_quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string slug(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '-') out += '-';
        if (out.size() >= 48) break;
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "article" : out;
}

const std::vector<std::string> kSources = {
    "reuters.com", "apnews.com", "ft.com", "bloomberg.com", "theverge.com", "wired.com",
    "techcrunch.com", "politico.eu", "scmp.com", "nikkei.com", "euractiv.com", "lawfaremedia.org",
    "semianalysis.com", "arstechnica.com", "nytimes.com", "economist.com", "axios.com",
    "theinformation.com", "caixinglobal.com", "heise.de", "lemonde.fr", "koreaherald.com",
    "thehindu.com", "rfi.fr", "brookings.edu", "csis.org", "carnegieendowment.org"};
const std::vector<std::string> kWeekdays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};
const std::vector<std::string> kMonths = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};
const std::vector<std::string> kSaid = {"said", "told reporters", "wrote in a blog post",
                                        "argued", "warned", "noted", "said in a statement",
                                        "told lawmakers"};
const std::vector<std::string> kRoles = {"chief executive", "CEO", "head of policy",
                                         "chief scientist", "president", "spokesperson",
                                         "co-founder", "chair"};
const std::vector<std::string> kFiller = {
    "The announcement came after weeks of speculation among analysts and investors.",
    "Officials declined to give a timeline for the next steps.",
    "Critics say the rules are too broad and will be hard to enforce.",
    "The figures could not be independently verified.",
    "Several companies have already adjusted their plans in response.",
    "Industry groups welcomed the clarity but asked for more time to comply.",
    "Analysts expect the market to react once the details are published.",
    "The debate is likely to continue well into next year.",
    "Supporters argue that the measures are overdue.",
    "It is not yet clear how the change will affect smaller firms.",
    "Lawmakers from both parties have called for hearings on the issue.",
    "Researchers cautioned that the benchmarks measure only a narrow set of skills.",
    "The costs of training and serving large models keep falling.",
    "Demand for accelerators has outstripped supply for most of the year.",
    "Negotiations are expected to resume after the summer recess."};
const std::vector<std::string> kHeadings = {
    "Background", "What changes", "Market reaction", "The policy debate", "Why it matters",
    "What comes next", "Industry response", "Supply chain effects", "The numbers",
    "Reactions abroad", "Technical details", "Open questions"};

struct Generator {
    Rng rng;
    std::map<std::string, ZipfPool> pools; // type -> pool
    std::vector<std::string> cues;

    // The article's cast: like a real story, an article is about a handful of entities that it
    // names again and again, with the odd passing mention of another.
    std::map<std::string, std::vector<std::size_t>> cast;

    std::string m(const char* type) {
        const ZipfPool& pool = pools.at(type);
        auto& c = cast[type];
        std::size_t k;
        if (!c.empty() && rng.chance(0.93)) {
            // earlier cast members are the protagonists: weight 1/(rank+1)
            double total = 0;
            for (std::size_t r = 0; r < c.size(); ++r) total += 1.0 / static_cast<double>(r + 1);
            double u = rng.uniform() * total;
            std::size_t r = 0;
            for (; r + 1 < c.size(); ++r) {
                u -= 1.0 / static_cast<double>(r + 1);
                if (u < 0) break;
            }
            k = c[r];
        } else {
            k = pool.draw(rng);
            if (std::find(c.begin(), c.end(), k) == c.end()) c.push_back(k);
        }
        return pool.surface(rng, k);
    }

    void new_cast() {
        cast.clear();
        const std::pair<const char*, std::size_t> sizes[] = {
            {"person", 1 + rng.below(4)}, {"organization", 2 + rng.below(4)},
            {"model", rng.below(3)},      {"policy", rng.below(2)},
            {"location", 1 + rng.below(3)}, {"product", rng.below(2)}};
        for (const auto& [type, n] : sizes)
            for (std::size_t i = 0; i < n; ++i) {
                std::size_t k = pools.at(type).draw(rng);
                auto& c = cast[type];
                if (std::find(c.begin(), c.end(), k) == c.end()) c.push_back(k);
            }
    }
    std::string cue() { return cues.empty() ? "artificial intelligence" : rng.pick(cues); }

    std::string sentence() {
        std::string p = m("person"), o = m("organization"), o2 = m("organization"),
                    md = m("model"), l = m("location"), y = m("policy"), d = m("product");
        std::string said = rng.pick(kSaid), role = rng.pick(kRoles), day = rng.pick(kWeekdays);
        std::string num = std::to_string(1 + rng.below(900));
        switch (rng.below(22)) {
        case 0: return p + ", the " + role + " of " + o + ", " + said + " on " + day + " that " + cue() + " would shape the next decade.";
        case 1: return o + " released " + md + " on " + day + ", saying it outperforms earlier systems on reasoning tasks.";
        case 2: return o + "'s " + md + " model drew attention for its low training cost.";
        case 3: return "The " + y + " sets new obligations on " + cue() + " for companies operating in " + l + ".";
        case 4: return "In " + l + ", officials said " + y + " would take effect in " + rng.pick(kMonths) + ".";
        case 5: return o + " plans to ship the " + d + " to customers in " + l + " later this year.";
        case 6: return p + " " + said + " that " + o + " and " + o2 + " were in talks about " + cue() + ".";
        case 7: return "According to " + o + ", demand for " + d + " chips rose " + num + " percent.";
        case 8: return l + " and " + m("location") + " discussed " + cue() + " at a summit in " + m("location") + ".";
        case 9: return "\u201cWe are not going to slow down,\u201d " + p + " " + said + ".";
        case 10: return o + " CEO " + p + " met officials from " + l + " to discuss " + y + ".";
        case 11: return md + ", developed by " + o + ", was trained on a cluster of " + d + " accelerators.";
        case 12: return "Shares of " + o + " fell " + num + " basis points after the news about " + cue() + ".";
        case 13: return "The report by " + o + " cites " + cue() + " and " + cue() + " as the main risks.";
        case 14: return p + ", a former adviser to " + o + ", called " + y + " \u201ca turning point\u201d.";
        case 15: return "Rivals such as " + o + ", " + o2 + " and " + m("organization") + " are racing to build " + cue() + " capacity.";
        case 16: return "On " + day + ", " + p + " and " + m("person") + " testified before a committee in " + l + ".";
        case 17: return "The " + d + " is made by " + o + " and sold in " + l + ".";
        case 18: return "Regulators in " + l + " opened an inquiry into " + o + " over " + cue() + ".";
        case 19: return rng.pick(kFiller);
        case 20: return rng.pick(kFiller) + " " + p + " disagreed.";
        default: return "Experts said " + md + " and " + m("model") + " show how quickly " + cue() + " is moving.";
        }
    }

    std::string paragraph() {
        std::string out = "<p>";
        std::size_t n = 2 + rng.below(4);
        for (std::size_t i = 0; i < n; ++i) {
            if (i) out += ' ';
            std::string s = html_escape(rng.chance(0.6) ? rng.pick(kFiller) : sentence());
            if (rng.chance(0.08)) s = "<strong>" + s + "</strong>";
            else if (rng.chance(0.08)) s = "<a href=\"https://example.org/" + std::to_string(rng.below(100000)) + "\">" + s + "</a>";
            else if (rng.chance(0.05)) s = "<em>" + s + "</em>";
            out += s;
        }
        return out + "</p>\n";
    }

    std::string block() {
        double u = rng.uniform();
        if (u < 0.12) return "<h2>" + rng.pick(kHeadings) + "</h2>\n";
        if (u < 0.17) {
            std::string out = "<ul>\n";
            for (std::size_t i = 0, n = 2 + rng.below(4); i < n; ++i)
                out += "  <li>" + html_escape(sentence()) + "</li>\n";
            return out + "</ul>\n";
        }
        if (u < 0.20) return "<blockquote><p>" + html_escape(sentence()) + "</p></blockquote>\n";
        return paragraph();
    }

    std::string article(std::string& date_out, std::string& title_out) {
        new_cast();
        int year = 2019 + static_cast<int>(rng.below(8));
        int month = 1 + static_cast<int>(rng.below(12));
        int day = 1 + static_cast<int>(rng.below(28));
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
        date_out = date;
        std::string title;
        switch (rng.below(4)) {
        case 0: title = m("organization") + " unveils " + m("model") + " as " + cue() + " heats up"; break;
        case 1: title = m("location") + " moves on " + m("policy"); break;
        case 2: title = m("person") + " on " + cue() + " and " + cue(); break;
        default: title = "Why " + m("product") + " matters for " + cue(); break;
        }
        title_out = title;
        std::size_t target = 2048 + rng.below(10240 - 1024);
        std::string fm = "---\ntitle: " + yaml_quote(title) + "\n";
        if (rng.chance(0.5)) fm += "subtitle: " + yaml_quote("A closer look at " + cue()) + "\n";
        fm += "description: " + yaml_quote(sentence()) + "\n";
        char pub[16];
        std::snprintf(pub, sizeof pub, "%04d-%02d-%02d", year, month, std::min(28, day + 1));
        fm += "publishedOn: " + std::string(pub) + "\n";
        fm += "newsDate: " + date_out + "\n";
        fm += "source: " + yaml_quote(rng.pick(kSources)) + "\n";
        fm += "tags: [" + cue() + ", " + cue() + "]\n";
        if (rng.chance(0.3)) fm += "author: " + yaml_quote(m("person")) + "\n";
        fm += "altTextMainImage: " + yaml_quote("Illustration: " + m("organization")) + "\n";
        fm += "draft: false\n---\n\n```html\n";
        std::string body = "<h1>" + html_escape(title) + "</h1>\n";
        const std::size_t fixed = fm.size() + 5; // the closing fence
        body += paragraph();
        for (int guard = 0; guard < 200; ++guard) {
            std::string b = block();
            if (fixed + body.size() + b.size() > 12 * 1024 - 16) break;
            body += b;
            if (fixed + body.size() >= target) break;
        }
        return fm + body + "```\n";
    }
};

int usage() {
    std::cerr << "usage: gen_corpus N OUTDIR [--seed S] [--data DIR] [--flat]\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) return usage();
    std::uint64_t seed = 42;
    std::string data_dir = POLGRAPH_SOURCE_DATA_DIR;
    bool flat = false;
    std::size_t n = 0;
    try {
        n = std::stoull(argv[1]);
    } catch (...) {
        return usage();
    }
    fs::path out = argv[2];
    for (int i = 3; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--seed" && i + 1 < argc) seed = std::stoull(argv[++i]);
        else if (a == "--data" && i + 1 < argc) data_dir = argv[++i];
        else if (a == "--flat") flat = true;
        else return usage();
    }
    Generator g{Rng(seed), {}, {}, {}};
    for (const char* type : {"person", "organization", "model", "policy", "location", "product"}) {
        ZipfPool pool = load_pool(fs::path(data_dir) / "gazetteer" / (std::string(type) + ".tsv"));
        if (pool.items.empty()) {
            std::cerr << "gen_corpus: no " << type << " entries in " << data_dir << "\n";
            return 1;
        }
        pool.finish(g.rng, 1.07);
        g.pools.emplace(type, std::move(pool));
    }
    auto topics = nlohmann::json::parse(read_all(fs::path(data_dir) / "topics.json"));
    for (const auto& t : topics)
        for (auto it = t["cues"].begin(); it != t["cues"].end(); ++it) g.cues.push_back(it.key());
    std::sort(g.cues.begin(), g.cues.end());

    std::uint64_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::string date, title;
        std::string text = g.article(date, title);
        char name[32];
        std::snprintf(name, sizeof name, "%07zu_", i);
        fs::path dir = flat ? out : out / date.substr(0, 7);
        fs::create_directories(dir);
        fs::path p = dir / (name + slug(title) + ".md");
        std::ofstream f(p, std::ios::binary);
        f << text;
        if (!f) {
            std::cerr << "gen_corpus: cannot write " << p << "\n";
            return 1;
        }
        total += text.size();
    }
    std::cout << n << " articles, " << total << " bytes in " << out.string() << "\n";
    return 0;
}
