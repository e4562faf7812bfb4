// Turns the command line's INPUT arguments into the ordered list of files to read.
// Directories are walked recursively and their .jsonl/.ndjson/.json/.transcript/.csv/.tsv files
// (optionally .gz or .zst) are taken in byte order of their paths, so a run over a directory is
// reproducible. A file named explicitly is read whatever its extension. "-" is standard input.
#pragma once

#include <string>
#include <vector>

namespace audit {

struct InputFile {
  std::string path;   // as given or as found under a directory; "-" for stdin
  std::string error;  // non-empty: cannot be read (reported, counted, not fatal)
};

std::vector<InputFile> expand_inputs(const std::vector<std::string>& args);

// The name used in messages: "<stdin>" for "-".
std::string display_name(const std::string& path);

bool has_transcript_extension(const std::string& path);

}  // namespace audit
