#include "commands.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include "detectors/detector.hpp"
#include "output.hpp"
#include "pipeline.hpp"
#include "printers/printer.hpp"
#include "text/sentiment.hpp"
#include "text/utf8.hpp"

namespace audit {

namespace {

// The built-in lexicon, or a copy with --lexicon's entries (kept in `custom`).
const Lexicon& choose_lexicon(const Command& cmd, Lexicon& custom) {
  if (cmd.lexicon.empty()) return Lexicon::builtin();
  std::string error;
  if (!Lexicon::with_overrides(cmd.lexicon, custom, error)) throw Fatal(error);
  return custom;
}

}  // namespace

int run_audit(const Command& cmd) {
  const Options& opt = cmd.options;
  Lexicon custom;
  const Lexicon* lexicon = &choose_lexicon(cmd, custom);
  const auto start = std::chrono::steady_clock::now();
  std::vector<InputFile> files = expand_inputs(opt.input.paths);
  ReportWriter writer(opt, files);
  Report report =
      audit::audit(opt, files, *lexicon, [&](const BatchResult& r) { writer.on_batch(r); });
  report.settings_json = settings_json(opt);
  writer.finish(report);

  const Summary& s = report.summary;
  if (s.skipped_total() && !opt.output.quiet) {
    fmt::print(stderr, "chataudit: skipped {} of {} records (see the report's skipped counts)\n",
               s.skipped_total(), s.records);
  }
  if (opt.output.stats) {
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const unsigned threads =
        opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
    fmt::print(stderr,
               "chataudit: {} bytes, {} conversations, {} turns in {:.3f} s with {} threads: "
               "{:.1f} MB/s, {:.0f} conversations/s\n",
               s.bytes, s.conversations, s.turns, secs, threads,
               secs > 0 ? static_cast<double>(s.bytes) / 1e6 / secs : 0.0,
               secs > 0 ? static_cast<double>(s.conversations) / secs : 0.0);
  }
  std::vector<std::string> why;
  int code = exit_code(report, opt, why);
  for (const std::string& w : why)
    fmt::print(stderr, "chataudit: {}\n", w);
  return code;
}

int run_show(const Command& cmd) {
  Options opt = cmd.options;
  const OutputFormat format =
      opt.output.reports.empty() ? OutputFormat::text : opt.output.reports.front().format;
  const bool color = format == OutputFormat::text && stdout_wants_color(opt.output.color);
  opt.output.reports.clear();  // only stderr diagnostics from the writer
  Lexicon custom;
  const Lexicon& lexicon = choose_lexicon(cmd, custom);
  std::vector<InputFile> files = expand_inputs(opt.input.paths);
  ReportWriter writer(opt, files);
  std::vector<ShownConversation> shown;
  Report report = audit::audit(opt, files, lexicon, [&](const BatchResult& r) {
    writer.on_batch(r);
    for (const ShownConversation& c : r.shown)
      shown.push_back(c);
  });
  writer.finish(report);
  fmt::memory_buffer out;
  for (std::size_t k = 0; k < shown.size(); ++k) {
    if (format == OutputFormat::json) {
      print_show_json(shown[k], report.files, out);
    } else {
      if (k) out.push_back('\n');
      print_show_text(shown[k], report.files, color, out);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (shown.empty()) {
    std::string id;
    append_printable(opt.show_id, id);
    fmt::print(stderr, "chataudit: no conversation with id \"{}\" in the inputs\n", id);
    return 2;
  }
  return 0;
}

int run_sentiment(const Command& cmd) {
  Lexicon custom;
  const Lexicon& lexicon = choose_lexicon(cmd, custom);
  std::FILE* in = stdin;
  if (!cmd.sentiment_file.empty() && cmd.sentiment_file != "-") {
    in = std::fopen(cmd.sentiment_file.c_str(), "rb");
    if (!in)
      throw Fatal(fmt::format("cannot open {}: {}", cmd.sentiment_file, std::strerror(errno)));
  }
  std::vector<std::string> messages;
  std::string line;
  for (int ch; (ch = std::fgetc(in)) != EOF;) {
    if (ch != '\n') {
      line.push_back(static_cast<char>(ch));
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    messages.push_back(std::move(line));
    line.clear();
  }
  if (!line.empty()) messages.push_back(std::move(line));
  if (in != stdin) std::fclose(in);
  for (std::string& m : messages) {  // the analyser expects valid UTF-8, as the readers give it
    std::string repaired;
    repair_utf8(m, repaired);
    m.swap(repaired);
  }
  std::string chars;
  std::vector<Token> tokens;
  if (!cmd.sentiment_bench) {
    // One line per message: its score, a tab, the message (made printable).
    std::string out;
    for (const std::string& m : messages) {
      out += fmt::format("{:+.4f}\t", score_text(m, lexicon, chars, tokens));
      append_printable(m, out);
      out += '\n';
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  if (messages.empty()) throw Fatal("--bench needs at least one message");
  // One thread, messages already in memory, as the VADER baseline measures itself.
  using clock = std::chrono::steady_clock;
  std::uint64_t scored = 0, bytes = 0;
  double sink = 0;
  for (const std::string& m : messages)
    sink += score_text(m, lexicon, chars, tokens);  // warm up
  const auto start = clock::now();
  double seconds = 0;
  while (seconds < cmd.bench_seconds) {
    for (const std::string& m : messages) {
      sink += score_text(m, lexicon, chars, tokens);
      bytes += m.size();
    }
    scored += messages.size();
    seconds = std::chrono::duration<double>(clock::now() - start).count();
  }
  fmt::print(
      "{{\"messages\": {}, \"seconds\": {:.3f}, \"messages_per_second\": {:.1f}, "
      "\"bytes_per_second\": {:.1f}, \"checksum\": {:.3f}}}\n",
      scored, seconds, static_cast<double>(scored) / seconds, static_cast<double>(bytes) / seconds,
      sink);
  return 0;
}

int run_rules(const std::string& rule) {
  if (rule.empty()) {
    for (const Detector& d : all_detectors())
      fmt::print("{:<20} {}\n", d.name, d.summary);
    fmt::print("\n`chataudit rules NAME` explains one rule and lists its thresholds.\n");
    return 0;
  }
  const Detector* d = find_detector(rule);
  fmt::print("{}: {}\n\n{}\n", d->name, d->summary, d->details);
  const DetectorOptions defaults;
  bool header = false;
  for (const DetectorParam& p : all_params()) {
    if (p.rule != d->name && !(p.key == "sentiment.negative" && d->name == "negative-ending"))
      continue;
    if (!header) fmt::print("\nThresholds (--set KEY=VALUE):\n");
    header = true;
    fmt::print("  {:<32} default {:<6} {}\n", p.key, defaults.*(p.field), p.help);
  }
  fmt::print("\nMore: docs/rules.md\n");
  return 0;
}

}  // namespace audit
