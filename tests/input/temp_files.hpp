// Temporary files and directories for the input tests: unique names under the system temp
// directory, removed when the object goes out of scope.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace audit::test {

inline std::filesystem::path unique_temp_path(std::string_view suffix) {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = std::random_device{}();
  std::string name = "chataudit-test-" + std::to_string(::getpid()) + "-" + std::to_string(salt) +
                     "-" + std::to_string(counter++) + std::string(suffix);
  return std::filesystem::temp_directory_path() / name;
}

inline void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A file holding `bytes`, deleted at the end of the test.
struct TempFile {
  explicit TempFile(std::string_view bytes, std::string_view suffix = ".jsonl")
      : path(unique_temp_path(suffix)) {
    write_bytes(path, bytes);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  std::string str() const { return path.string(); }
  std::filesystem::path path;
};

// An empty directory, deleted with everything in it at the end of the test.
struct TempDir {
  TempDir() : path(unique_temp_path("-dir")) { std::filesystem::create_directories(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  // Creates `relative` (and its parent directories) holding `bytes`; returns its path.
  std::string add(const std::string& relative, std::string_view bytes = "{}\n") const {
    std::filesystem::path p = path / relative;
    std::filesystem::create_directories(p.parent_path());
    write_bytes(p, bytes);
    return p.string();
  }
  std::filesystem::path path;
};

}  // namespace audit::test
