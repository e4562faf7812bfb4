#include "input/input_files.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace audit {

namespace fs = std::filesystem;

bool has_transcript_extension(const std::string& path) {
  std::string_view p = path;
  if (std::size_t slash = p.rfind('/'); slash != std::string_view::npos) p.remove_prefix(slash + 1);
  if (p.size() > 3 && p.substr(p.size() - 3) == ".gz") p.remove_suffix(3);
  if (p.size() > 4 && p.substr(p.size() - 4) == ".zst") p.remove_suffix(4);
  for (std::string_view ext : {".jsonl", ".ndjson", ".json", ".transcript", ".csv", ".tsv"}) {
    if (p.size() > ext.size() && p.substr(p.size() - ext.size()) == ext) return true;
  }
  return false;
}

std::string display_name(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

std::vector<InputFile> expand_inputs(const std::vector<std::string>& args) {
  std::vector<InputFile> files;
  for (const std::string& arg : args) {
    if (arg == "-") {
      files.push_back({arg, {}});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      files.push_back({arg, "no such file or directory"});
      continue;
    }
    if (!fs::is_directory(st)) {
      files.push_back({arg, {}});
      continue;
    }
    std::vector<InputFile> found;
    auto it =
        fs::recursive_directory_iterator(arg, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      files.push_back({arg, ec.message()});
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        found.push_back({it->path().string(), ec.message()});
        break;
      }
      std::error_code fec;
      if (!it->is_regular_file(fec)) continue;
      std::string p = it->path().string();
      if (has_transcript_extension(p)) found.push_back({std::move(p), {}});
    }
    std::sort(found.begin(), found.end(),
              [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace audit
