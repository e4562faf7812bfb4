// The command line: the only file that includes CLI11. Parses and validates everything once
// into a Command; nothing downstream re-validates.
#pragma once

#include <optional>
#include <string>

#include "options.hpp"

namespace audit {

struct Command {
  enum class Kind { audit, show, sentiment, rules } kind = Kind::audit;
  Options options;
  std::string rule;            // `chataudit rules NAME`
  std::string lexicon;         // --lexicon FILE
  std::string sentiment_file;  // `chataudit sentiment FILE`
  bool sentiment_bench = false;
  double bench_seconds = 3;
};

// Returns an exit code when the run is over already (--help, --version, a usage error: 2).
std::optional<int> parse_cli(int argc, char** argv, Command& cmd);

}  // namespace audit
