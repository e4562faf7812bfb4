#include "cli.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <map>
#include <thread>

#include "detectors/detector.hpp"
#include "input/schema.hpp"
#include "printers/printer.hpp"

namespace audit {

namespace {

// "64M", "1G", "512K", "1000": a size in bytes.
bool parse_size(std::string s, std::size_t& out) {
  if (s.empty()) return false;
  std::size_t mult = 1;
  char last = static_cast<char>(std::toupper(static_cast<unsigned char>(s.back())));
  if (last == 'B') {
    s.pop_back();
    if (s.empty()) return false;
    last = static_cast<char>(std::toupper(static_cast<unsigned char>(s.back())));
  }
  if (last == 'K' || last == 'M' || last == 'G') {
    mult = last == 'K' ? 1024 : last == 'M' ? 1024 * 1024 : 1024 * 1024 * 1024;
    s.pop_back();
  }
  std::size_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v == 0) return false;
  out = v * mult;
  return true;
}

std::vector<std::string> split_list(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const std::string& item : items) {
    std::size_t start = 0;
    while (start <= item.size()) {
      std::size_t comma = item.find(',', start);
      std::string part =
          item.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) out.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

std::string rule_names() {
  std::string names;
  for (const Detector& d : all_detectors())
    names += (names.empty() ? "" : ", ") + std::string(d.name);
  return names;
}

// Everything CLI11 cannot check by itself, turned into the Options fields.
std::optional<std::string> finish_options(Command& cmd, const std::string& format,
                                          const std::vector<std::string>& outputs,
                                          const std::vector<std::string>& only,
                                          const std::vector<std::string>& disable,
                                          const std::vector<std::string>& sets,
                                          const std::vector<std::string>& fail_on,
                                          const std::string& max_record, bool format_given) {
  Options& opt = cmd.options;
  if (!parse_size(max_record, opt.input.max_record_bytes))
    return fmt::format("--max-record-size: \"{}\" is not a size (e.g. 64M, 512K)", max_record);

  for (const std::string& path : outputs) {
    const Printer* p = printer_by_path(path);
    if (!p) {
      return fmt::format(
          "-o {}: cannot tell the format from the extension (use .txt, .json or "
          ".jsonl)",
          path);
    }
    opt.output.reports.push_back({p->format, path});
  }
  if (format_given || outputs.empty()) {
    opt.output.reports.insert(opt.output.reports.begin(), {printer_by_name(format)->format, ""});
  }

  std::vector<std::string> chosen = split_list(only), dropped = split_list(disable);
  for (const std::string& r : chosen) {
    if (!find_detector(r))
      return fmt::format("--rules: unknown rule \"{}\" (rules: {})", r, rule_names());
  }
  for (const std::string& r : dropped) {
    if (!find_detector(r))
      return fmt::format("--disable: unknown rule \"{}\" (rules: {})", r, rule_names());
  }
  for (const Detector& d : all_detectors()) {
    std::string name(d.name);
    bool on = chosen.empty() || std::find(chosen.begin(), chosen.end(), name) != chosen.end();
    if (std::find(dropped.begin(), dropped.end(), name) != dropped.end()) on = false;
    if (on) opt.rules.push_back(name);
  }
  if (opt.rules.empty()) return std::string("no rule left to run (--rules / --disable)");

  for (const std::string& s : sets) {
    std::size_t eq = s.find('=');
    if (eq == std::string::npos) return fmt::format("--set {}: expected KEY=VALUE", s);
    std::string key = s.substr(0, eq), value = s.substr(eq + 1);
    const DetectorParam* p = find_param(key);
    if (!p) {
      std::string keys;
      for (const DetectorParam& q : all_params())
        keys += (keys.empty() ? "" : ", ") + std::string(q.key);
      return fmt::format("--set: unknown parameter \"{}\" (parameters: {})", key, keys);
    }
    double v = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || ptr != value.data() + value.size() || v < p->min || v > p->max ||
        (p->integer && v != static_cast<double>(static_cast<long long>(v)))) {
      return fmt::format("--set {}: \"{}\" must be {} from {} to {}", key, value,
                         p->integer ? "a whole number" : "a number", p->min, p->max);
    }
    opt.detect.*(p->field) = v;
  }

  for (const std::string& spec : fail_on) {
    FailOn g;
    g.text = spec;
    std::size_t gt = spec.find('>');
    g.rule = spec.substr(0, gt);
    if (g.rule != "any" && !find_detector(g.rule))
      return fmt::format("--fail-on {}: unknown rule \"{}\" (rules: {}, or any)", spec, g.rule,
                         rule_names());
    if (g.rule != "any" && std::find(opt.rules.begin(), opt.rules.end(), g.rule) == opt.rules.end())
      return fmt::format("--fail-on {}: the rule \"{}\" is not run (--rules / --disable)", spec,
                         g.rule);
    if (gt != std::string::npos) {
      std::string rate = spec.substr(gt + 1);
      auto [ptr, ec] = std::from_chars(rate.data(), rate.data() + rate.size(), g.max_rate);
      if (ec != std::errc() || ptr != rate.data() + rate.size() || g.max_rate < 0 || g.max_rate > 1)
        return fmt::format("--fail-on {}: the rate must be a number from 0 to 1", spec);
      g.by_rate = true;
    }
    opt.output.fail_on.push_back(g);
  }
  return std::nullopt;
}

}  // namespace

namespace {

// Values that need checking after parsing, shared by the subcommands that audit.
struct RawOptions {
  std::string format = "text";
  std::vector<std::string> outputs, only, disable, sets, fail_on, maps, handoff_names;
  std::string max_record = "64M";
  CLI::Option* format_opt = nullptr;
  bool unsorted = false;
};

// Options of every subcommand that reads and audits conversations (audit, show).
void add_analysis_options(CLI::App* sub, Command& cmd, RawOptions& raw) {
  Options& opt = cmd.options;
  static const std::map<std::string, InputFormat> kInputFormats = [] {
    std::map<std::string, InputFormat> m{{"auto", InputFormat::auto_detect}};
    for (const Schema& schema : all_schemas())
      m.emplace(std::string(schema.name), schema.format);
    return m;
  }();
  sub->add_option("--input-format", opt.input.format,
                  "record format (auto: from each file's first record)")
      ->transform(CLI::CheckedTransformer(kInputFormats).description(""))
      ->type_name(
          "auto|native|openai|sharegpt|rasa|contact-lens|ccai|botframework|copilot|"
          "rasa-events|dialogflow|csv|mapped");
  sub->add_option("--map", raw.maps,
                  "where fields are in another export: JSON paths (id=ticket.id turns=comments "
                  "role=author.type text=body time=created_at metadata.NAME=PATH) or CSV "
                  "columns (id, role, text, time); role.VALUE=user|bot|agent|system maps a "
                  "speaker label; repeatable (docs/formats.md)")
      ->type_name("KEY=PATH")
      ->allow_extra_args(false);
  sub->add_option("--handoff-name", raw.handoff_names,
                  "Rasa: an action whose name contains NAME is a handoff, an intent the customer "
                  "asking for one (default: handoff, human); repeatable, replaces the defaults")
      ->type_name("NAME")
      ->allow_extra_args(false);
  sub->add_option("--group-window", opt.input.group_window,
                  "row formats (CSV, Rasa event stream, Dialogflow rows): a conversation is "
                  "complete once this many rows pass without one of its rows (0: at end of file; "
                  "memory grows with the file)")
      ->type_name("ROWS")
      ->capture_default_str();
  sub->add_flag("--csv-unsorted", raw.unsorted,
                "rows of a conversation may be anywhere in the file: same as --group-window 0");
  sub->add_option("--max-record-size", raw.max_record,
                  "a record larger than this is reported and skipped")
      ->type_name("SIZE")
      ->capture_default_str();
  sub->add_option("--threads", opt.threads, "worker threads (0: all cores)")
      ->check(CLI::Range(0u, 256u))
      ->capture_default_str();
  // Repeatable options take one value per use, so `--rules x FILE` leaves FILE an input.
  sub->add_option("--rules", raw.only, "run only these rules (comma-separated)")
      ->type_name("LIST")
      ->allow_extra_args(false);
  sub->add_option("--disable", raw.disable, "do not run these rules (comma-separated)")
      ->type_name("LIST")
      ->allow_extra_args(false);
  sub->add_option("--set", raw.sets,
                  "set a rule threshold, e.g. bot-loop.min-occurrences=4 "
                  "(`chataudit rules NAME` lists them); repeatable")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  sub->add_option("--lexicon", cmd.lexicon,
                  "add or override sentiment lexicon entries (VADER format: term<TAB>valence)")
      ->check(CLI::ExistingFile)
      ->type_name("FILE");
  sub->add_flag("-q,--quiet", opt.output.quiet, "no per-record diagnostics on stderr");
  sub->add_option("--max-errors", opt.output.max_errors_shown,
                  "problems printed on stderr per input file (all are counted)")
      ->capture_default_str();
}

void add_color_option(CLI::App* sub, Options& opt) {
  static const std::map<std::string, ColorMode> kColors{
      {"auto", ColorMode::auto_detect}, {"always", ColorMode::always}, {"never", ColorMode::never}};
  sub->add_option("--color", opt.output.color,
                  "colour in text output (auto: on a terminal, unless NO_COLOR is set)")
      ->transform(CLI::CheckedTransformer(kColors).description(""))
      ->type_name("auto|always|never");
}

const char* const kInputsHelp =
    "files or directories (recursive: .jsonl .ndjson .json .transcript .csv .tsv, optionally .gz "
    "or .zst); - for standard input";

// A dotted path ("author.type", "parts.0.body") as a JSON pointer ("/author/type").
MapPath map_path(const std::string& dotted) {
  MapPath p;
  p.written = dotted;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = dotted.find('.', start);
    std::string part =
        dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    p.pointer += '/';
    for (char c : part) {
      if (c == '~')
        p.pointer += "~0";
      else if (c == '/')
        p.pointer += "~1";
      else
        p.pointer += c;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return p;
}

std::optional<std::string> parse_maps(const std::vector<std::string>& specs, InputOptions& in) {
  FieldMap& map = in.map;
  for (const std::string& spec : specs) {
    const std::size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
      return fmt::format("--map {}: expected KEY=PATH", spec);
    const std::string key = spec.substr(0, eq), value = spec.substr(eq + 1);
    if (key == "id") {
      map.id = map_path(value);
    } else if (key == "turns") {
      map.turns = map_path(value);
    } else if (key == "role") {
      map.role = map_path(value);
    } else if (key == "text") {
      map.text = map_path(value);
    } else if (key == "time") {
      map.time = map_path(value);
    } else if (key.starts_with("metadata.") && key.size() > 9) {
      map.metadata.emplace_back(key.substr(9), map_path(value));
    } else if (key.starts_with("role.") && key.size() > 5) {
      Role r;
      if (value != "user" && value != "bot" && value != "agent" && value != "system")
        return fmt::format("--map {}: the role must be user, bot, agent or system", spec);
      role_from_string(value, r);
      map.roles.emplace_back(key.substr(5), r);
    } else {
      return fmt::format(
          "--map {}: unknown key \"{}\" (id, turns, role, text, time, metadata.NAME, "
          "role.VALUE)",
          spec, key);
    }
  }
  if (map.json_mapping()) {
    if (map.text.empty()) return std::string("--map turns=... needs --map text=PATH as well");
    if (in.format != InputFormat::auto_detect && in.format != InputFormat::mapped)
      return std::string(
          "--map turns=... reads JSON through the mapping: drop --input-format, or use "
          "--input-format mapped");
    in.format = InputFormat::mapped;
  } else if (in.format == InputFormat::mapped) {
    return std::string("--input-format mapped needs --map turns=PATH and --map text=PATH");
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> parse_cli(int argc, char** argv, Command& cmd) {
  CLI::App app{"chataudit: find where a customer-support chatbot hurt the customer, turn by turn"};
  app.set_version_flag("--version", std::string("chataudit ") + CHATAUDIT_VERSION);
  app.require_subcommand(1);
  Options& opt = cmd.options;
  RawOptions raw;

  CLI::App* audit_cmd =
      app.add_subcommand("audit", "audit exported transcripts and report findings");
  audit_cmd->add_option("inputs", opt.input.paths, kInputsHelp)->required();
  raw.format_opt =
      audit_cmd->add_option("-f,--format", raw.format, "report format on standard output")
          ->check(CLI::IsMember({"text", "json", "jsonl"}))
          ->type_name("text|json|jsonl")
          ->capture_default_str();
  audit_cmd
      ->add_option("-o,--output", raw.outputs,
                   "also write a report to FILE, format from its extension (.txt, .json, "
                   ".jsonl); repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  add_analysis_options(audit_cmd, cmd, raw);
  audit_cmd
      ->add_option("--fail-on", raw.fail_on,
                   "exit 1 if RULE has any finding, or if the share of conversations it "
                   "flags is above RATE (RULE>RATE); RULE may be `any`; repeatable")
      ->type_name("RULE[>RATE]")
      ->allow_extra_args(false);
  audit_cmd->add_flag("--strict", opt.output.strict, "exit 2 if any record was skipped");
  audit_cmd->add_flag("--stats", opt.output.stats, "print throughput and timing on stderr");
  add_color_option(audit_cmd, opt);
  audit_cmd->add_option("--top", opt.output.top, "worst conversations shown in the reports")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000}))
      ->capture_default_str();

  CLI::App* show_cmd = app.add_subcommand(
      "show",
      "print one conversation as a transcript: each turn's sentiment, the findings "
      "pinned to their turns");
  show_cmd->add_option("id", opt.show_id, "the conversation id (as in the reports)")->required();
  show_cmd->add_option("inputs", opt.input.paths, kInputsHelp)->required();
  std::string show_format = "text";
  show_cmd->add_option("-f,--format", show_format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("text|json")
      ->capture_default_str();
  add_analysis_options(show_cmd, cmd, raw);
  add_color_option(show_cmd, opt);

  CLI::App* sentiment_cmd = app.add_subcommand(
      "sentiment", "score messages with the sentiment analyser, one message per line");
  sentiment_cmd->add_option("file", cmd.sentiment_file,
                            "messages, one per line (- or none: stdin)");
  sentiment_cmd->add_flag("--bench", cmd.sentiment_bench,
                          "score the messages in a loop on one thread and print messages/s");
  sentiment_cmd->add_option("--seconds", cmd.bench_seconds, "how long --bench runs")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  sentiment_cmd
      ->add_option("--lexicon", cmd.lexicon,
                   "add or override sentiment lexicon entries (VADER format: term<TAB>valence)")
      ->check(CLI::ExistingFile)
      ->type_name("FILE");

  CLI::App* rules_cmd = app.add_subcommand("rules", "list the rules, or explain one");
  rules_cmd->add_option("rule", cmd.rule, "the rule to explain");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // CLI11 uses 105, 106, ...; we promise 0/1/2
  }
  if (rules_cmd->parsed()) {
    cmd.kind = Command::Kind::rules;
    if (!cmd.rule.empty() && !find_detector(cmd.rule)) {
      fmt::print(stderr, "chataudit: unknown rule \"{}\" (rules: {})\n", cmd.rule, rule_names());
      return 2;
    }
    return std::nullopt;
  }
  if (sentiment_cmd->parsed()) {
    cmd.kind = Command::Kind::sentiment;
    return std::nullopt;
  }
  cmd.kind = show_cmd->parsed() ? Command::Kind::show : Command::Kind::audit;
  if (cmd.kind == Command::Kind::show) {
    raw.format = show_format;
    raw.outputs.clear();
  }
  if (auto error = finish_options(cmd, raw.format, raw.outputs, raw.only, raw.disable, raw.sets,
                                  raw.fail_on, raw.max_record,
                                  cmd.kind == Command::Kind::show || raw.format_opt->count() > 0)) {
    fmt::print(stderr, "chataudit: {}\n", *error);
    return 2;
  }
  if (raw.unsorted) opt.input.group_window = 0;
  if (!raw.handoff_names.empty()) {
    opt.input.handoff_names.clear();
    for (std::string name : raw.handoff_names) {
      for (char& ch : name)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      if (name.empty()) {
        fmt::print(stderr, "chataudit: --handoff-name: expected a non-empty name\n");
        return 2;
      }
      opt.input.handoff_names.push_back(name);
    }
  }
  if (auto error = parse_maps(raw.maps, opt.input)) {
    fmt::print(stderr, "chataudit: {}\n", *error);
    return 2;
  }
  return std::nullopt;
}

}  // namespace audit
