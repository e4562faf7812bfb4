// expand_inputs: INPUT arguments to the ordered list of files to read.
#include "input/input_files.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "input/temp_files.hpp"

using namespace audit;
using namespace audit::test;

namespace {

std::vector<std::string> paths_of(const std::vector<InputFile>& files) {
  std::vector<std::string> out;
  for (const InputFile& f : files)
    out.push_back(f.path);
  return out;
}

}  // namespace

TEST_CASE("input-files: a directory is walked recursively, transcripts only, sorted",
          "[input-files]") {
  TempDir d;
  const std::string b = d.add("b.jsonl");
  const std::string a = d.add("a.json");
  const std::string c = d.add("sub/c.ndjson.gz");
  const std::string e = d.add("sub/deeper/e.jsonl");
  const std::string z = d.add("sub/z.json.gz");
  d.add("notes.txt");
  d.add("x.jsonl.bak");
  d.add("sub/archive.gz");
  std::filesystem::create_directories(d.path / "empty.jsonl");  // a directory, not a file
  std::vector<InputFile> files = expand_inputs({d.path.string()});
  CHECK(paths_of(files) == std::vector<std::string>{a, b, c, e, z});
  for (const InputFile& f : files)
    CHECK(f.error.empty());
}

TEST_CASE("input-files: a file named explicitly is taken whatever its extension", "[input-files]") {
  TempDir d;
  const std::string txt = d.add("export.txt");
  const std::string noext = d.add("dump");
  std::vector<InputFile> files = expand_inputs({txt, noext});
  CHECK(paths_of(files) == std::vector<std::string>{txt, noext});
  CHECK(files[0].error.empty());
  CHECK(files[1].error.empty());
}

TEST_CASE("input-files: a missing path is an entry with an error", "[input-files]") {
  TempDir d;
  const std::string missing = (d.path / "nope.jsonl").string();
  std::vector<InputFile> files = expand_inputs({missing});
  REQUIRE(files.size() == 1);
  CHECK(files[0].path == missing);
  CHECK_FALSE(files[0].error.empty());
}

TEST_CASE("input-files: \"-\" is kept as standard input", "[input-files]") {
  std::vector<InputFile> files = expand_inputs({"-"});
  REQUIRE(files.size() == 1);
  CHECK(files[0].path == "-");
  CHECK(files[0].error.empty());
  CHECK(display_name("-") == "<stdin>");
  CHECK(display_name("a.jsonl") == "a.jsonl");
}

TEST_CASE("input-files: arguments keep their order; directories are sorted inside",
          "[input-files]") {
  TempDir d;
  const std::string second = d.add("dir/2.jsonl");
  const std::string first = d.add("dir/1.jsonl");
  const std::string single = d.add("z.jsonl");
  const std::string missing = (d.path / "missing").string();
  std::vector<InputFile> files = expand_inputs({single, "-", (d.path / "dir").string(), missing});
  CHECK(paths_of(files) == std::vector<std::string>{single, "-", first, second, missing});
  CHECK_FALSE(files.back().error.empty());
}

TEST_CASE("input-files: an empty directory gives no files", "[input-files]") {
  TempDir d;
  CHECK(expand_inputs({d.path.string()}).empty());
}

TEST_CASE("input-files: has_transcript_extension", "[input-files]") {
  CHECK(has_transcript_extension("a.jsonl"));
  CHECK(has_transcript_extension("a.ndjson"));
  CHECK(has_transcript_extension("dir/a.json"));
  CHECK(has_transcript_extension("a.jsonl.gz"));
  CHECK(has_transcript_extension("a.json.gz"));
  CHECK_FALSE(has_transcript_extension("a.gz"));
  CHECK_FALSE(has_transcript_extension("a.txt"));
  CHECK_FALSE(has_transcript_extension("a.jsonl.bak"));
  CHECK_FALSE(has_transcript_extension(".json"));
}
