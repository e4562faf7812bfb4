// The whole program in one place: read every input, prepare each conversation's text once,
// run the enabled detectors, keep the bounded report. Printing is the caller's.
#pragma once

#include <functional>
#include <vector>

#include "input/input_files.hpp"
#include "options.hpp"
#include "report/report.hpp"
#include "text/lexicon.hpp"

namespace audit {

// What one batch of records produced, handed to the caller in input order (so findings can be
// streamed and errors printed as they come, identically for any thread count).
struct BatchResult {
  std::uint64_t sequence = 0;
  std::uint32_t file_index = 0;
  Summary summary;
  WorstList worst;
  std::vector<FlaggedConversation> flagged;  // in input order
  std::vector<InputError> errors;            // in input order
  std::vector<ShownConversation> shown;      // `chataudit show`: the conversations asked for
};

using BatchSink = std::function<void(const BatchResult&)>;

Report audit(const Options& opt, const std::vector<InputFile>& files, const Lexicon& lexicon,
             const BatchSink& sink);

}  // namespace audit
