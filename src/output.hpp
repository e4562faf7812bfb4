// Writing the reports and the diagnostics: the only part besides main/cli that touches the
// terminal. Reports go to stdout or to files given with -o; files are written to a temporary
// name beside the target and renamed at the end, so a crashed run never leaves half a report.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "input/input_files.hpp"
#include "options.hpp"
#include "pipeline.hpp"
#include "printers/printer.hpp"

namespace audit {

class ReportWriter {
 public:
  // Opens every output (throws Fatal if one cannot be created).
  ReportWriter(const Options& opt, const std::vector<InputFile>& files);
  ~ReportWriter();
  ReportWriter(const ReportWriter&) = delete;
  ReportWriter& operator=(const ReportWriter&) = delete;

  // Streams the batch's findings to the formats that list them and prints its input errors on
  // stderr (at most --max-errors per file; all are counted).
  void on_batch(const BatchResult& r);

  // Renders the summaries, closes and renames the files. Throws Fatal on a write error.
  void finish(const Report& r);

 private:
  struct Sink;
  void flush(Sink& s, bool force);
  void note_hidden_errors();

  const Options& opt_;
  std::vector<std::string> names_;
  std::vector<std::unique_ptr<Sink>> sinks_;
  std::uint32_t error_file_ = static_cast<std::uint32_t>(-1);
  std::size_t shown_in_file_ = 0, hidden_in_file_ = 0;
};

// The thresholds and inputs of the run as a JSON object (the json report's "settings").
std::string settings_json(const Options& opt);

// 0, 1 or 2 (README, "Exit codes"). Appends to `why` one line per reason for a non-zero code.
int exit_code(const Report& r, const Options& opt, std::vector<std::string>& why);

bool stdout_wants_color(ColorMode mode);

}  // namespace audit
