#include "commands.hpp"

#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "detectors/detector.hpp"
#include "output.hpp"
#include "pipeline.hpp"

namespace audit {

int run_audit(const Command& cmd) {
  const Options& opt = cmd.options;
  Lexicon custom;
  const Lexicon* lexicon = &Lexicon::builtin();
  if (!cmd.lexicon.empty()) {
    std::string error;
    if (!Lexicon::with_overrides(cmd.lexicon, custom, error)) throw Fatal(error);
    lexicon = &custom;
  }
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
