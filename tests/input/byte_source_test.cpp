// ByteSource: plain files, gzip recognised by its magic bytes, concatenated gzip members, and
// the errors of truncated, corrupt and missing input.
#include "input/byte_source.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "input/temp_files.hpp"

using namespace audit;
using namespace audit::test;

namespace {

// One gzip member holding `data`.
std::string gzip(std::string_view data) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) ==
          Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t produced = static_cast<std::size_t>(z.total_out);
  deflateEnd(&z);
  REQUIRE(rc == Z_STREAM_END);
  out.resize(produced);
  return out;
}

// Bytes that do not compress: more compressed data than ByteSource reads in one block.
std::string noise(std::size_t n) {
  std::string s(n, '\0');
  std::uint32_t x = 12345;
  for (char& c : s) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

struct ReadAll {
  bool opened = false;
  std::string open_error;
  std::string data;
  bool failed = false;  // read() returned -1
  std::string error;
  bool gzip = false;
  std::uint64_t compressed = 0;
};

ReadAll read_all(const std::string& path, std::size_t chunk = 4096) {
  ReadAll r;
  ByteSource src;
  r.opened = src.open(path, r.open_error);
  if (!r.opened) return r;
  std::string buf(chunk, '\0');
  for (int guard = 0; guard < 100000; ++guard) {
    std::ptrdiff_t n = src.read(buf.data(), buf.size());
    if (n < 0) {
      r.failed = true;
      r.error = src.error();
      break;
    }
    if (n == 0) break;
    r.data.append(buf.data(), static_cast<std::size_t>(n));
  }
  r.gzip = src.gzip();
  r.compressed = src.compressed_bytes();
  return r;
}

}  // namespace

TEST_CASE("byte-source: a plain file is read as it is", "[byte-source]") {
  TempFile f("{\"a\":1}\n{\"b\":2}\n");
  ReadAll r = read_all(f.str(), 5);
  REQUIRE(r.opened);
  CHECK_FALSE(r.failed);
  CHECK_FALSE(r.gzip);
  CHECK(r.data == "{\"a\":1}\n{\"b\":2}\n");
  CHECK(r.compressed == r.data.size());
}

TEST_CASE("byte-source: files shorter than the gzip magic are read", "[byte-source]") {
  TempFile one("x");
  TempFile empty("");
  CHECK(read_all(one.str()).data == "x");
  ReadAll r = read_all(empty.str());
  CHECK(r.opened);
  CHECK_FALSE(r.failed);
  CHECK(r.data.empty());
}

TEST_CASE("byte-source: a plain file starting with 0x1f alone is not gzip", "[byte-source]") {
  TempFile f(
      "\x1f"
      "abc");
  ReadAll r = read_all(f.str());
  CHECK_FALSE(r.gzip);
  CHECK(r.data ==
        "\x1f"
        "abc");
}

TEST_CASE("byte-source: gzip data is recognised by its magic and inflated", "[byte-source]") {
  TempFile f(gzip("{\"a\":1}\n{\"b\":2}\n"), ".txt");  // the name does not matter
  ReadAll r = read_all(f.str());
  REQUIRE(r.opened);
  CHECK(r.gzip);
  CHECK_FALSE(r.failed);
  CHECK(r.data == "{\"a\":1}\n{\"b\":2}\n");
}

TEST_CASE("byte-source: gzip data larger than one compressed block", "[byte-source]") {
  std::string data = noise(300000);
  std::string gz = gzip(data);
  REQUIRE(gz.size() > 256 * 1024);
  TempFile f(gz, ".gz");
  ReadAll r = read_all(f.str(), 65536);
  CHECK_FALSE(r.failed);
  CHECK(r.data == data);
  CHECK(r.compressed == gz.size());
}

TEST_CASE("byte-source: concatenated gzip members are read one after the other", "[byte-source]") {
  TempFile f(gzip("{\"a\":1}\n") + gzip("{\"b\":2}\n") + gzip("{\"c\":3}\n"), ".jsonl.gz");
  ReadAll r = read_all(f.str());
  CHECK_FALSE(r.failed);
  CHECK(r.data == "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n");
}

TEST_CASE("byte-source: concatenated gzip members read in tiny chunks", "[byte-source]") {
  TempFile f(gzip("first member\n") + gzip("second member\n"), ".gz");
  ReadAll r = read_all(f.str(), 3);
  CHECK_FALSE(r.failed);
  CHECK(r.data == "first member\nsecond member\n");
}

TEST_CASE("byte-source: a truncated gzip file is an error that says so", "[byte-source]") {
  const std::string gz = gzip("{\"id\":\"c1\",\"turns\":[]}\n" + std::string(200, 'a'));
  for (std::size_t keep : {gz.size() - 4, gz.size() / 2, std::size_t{10}, std::size_t{2}}) {
    CAPTURE(keep);
    TempFile f(gz.substr(0, keep), ".gz");
    ReadAll r = read_all(f.str());
    REQUIRE(r.opened);
    CHECK(r.failed);
    CHECK_THAT(r.error, Catch::Contains("truncated"));
  }
}

TEST_CASE("byte-source: a gzip member with a bad checksum is corrupt", "[byte-source]") {
  std::string gz = gzip("hello world\n");
  gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 0x55);  // the CRC-32 in the trailer
  TempFile f(gz, ".gz");
  ReadAll r = read_all(f.str());
  CHECK(r.failed);
  CHECK_THAT(r.error, Catch::Contains("corrupt"));
}

TEST_CASE("byte-source: junk after the last gzip member is an error", "[byte-source]") {
  TempFile f(gzip("hello\n") + "junk", ".gz");
  ReadAll r = read_all(f.str());
  CHECK(r.failed);
  CHECK_THAT(r.error, Catch::Contains("trailing data"));
}

TEST_CASE("byte-source: a nonexistent file cannot be opened", "[byte-source]") {
  ByteSource src;
  std::string error;
  CHECK_FALSE(src.open(unique_temp_path(".jsonl").string(), error));
  CHECK_THAT(error, Catch::Contains("No such file"));
}

TEST_CASE("byte-source: a directory cannot be opened as a file", "[byte-source]") {
  TempDir dir;
  ByteSource src;
  std::string error;
  CHECK_FALSE(src.open(dir.path.string(), error));
  CHECK_FALSE(error.empty());
}

// --- zstd --------------------------------------------------------------------------------------

namespace {

// One zstd frame holding `data`; with `checksum`, the frame ends with a checksum of the content.
std::string zstd_frame(std::string_view data, bool checksum = false) {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  REQUIRE(cctx != nullptr);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 3);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, checksum ? 1 : 0);
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n = ZSTD_compress2(cctx, out.data(), out.size(), data.data(), data.size());
  ZSTD_freeCCtx(cctx);
  REQUIRE_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// A skippable frame (what pzstd writes first): magic 0x184D2A50, a 4-byte size, then that many
// bytes the decoder skips.
std::string skippable_frame(std::string_view payload) {
  std::string s("\x50\x2a\x4d\x18", 4);
  const auto n = static_cast<std::uint32_t>(payload.size());
  for (int i = 0; i < 4; ++i)
    s.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  s += payload;
  return s;
}

}  // namespace

TEST_CASE("byte-source: zstd data is recognised by its magic and decompressed", "[byte-source]") {
  const std::string data = "{\"a\":1}\n{\"b\":2}\n";
  const std::string z = zstd_frame(data);
  REQUIRE(z.compare(0, 4, "\x28\xb5\x2f\xfd") == 0);
  TempFile f(z, ".txt");  // the name does not matter
  ReadAll r = read_all(f.str());
  REQUIRE(r.opened);
  CHECK_FALSE(r.failed);
  CHECK_FALSE(r.gzip);
  CHECK(r.data == data);
  CHECK(r.compressed == z.size());
}

TEST_CASE("byte-source: zstd data larger than one compressed block", "[byte-source]") {
  const std::string data = noise(600000);
  const std::string z = zstd_frame(data);
  REQUIRE(z.size() > 256 * 1024);
  TempFile f(z, ".zst");
  ReadAll r = read_all(f.str(), 65536);
  CHECK_FALSE(r.failed);
  CHECK(r.data == data);
  CHECK(r.compressed == z.size());
}

TEST_CASE("byte-source: concatenated zstd frames are read one after the other", "[byte-source]") {
  TempFile f(zstd_frame("{\"a\":1}\n") + zstd_frame("{\"b\":2}\n", true) + zstd_frame(""),
             ".jsonl.zst");
  ReadAll r = read_all(f.str());
  CHECK_FALSE(r.failed);
  CHECK(r.data == "{\"a\":1}\n{\"b\":2}\n");
}

TEST_CASE("byte-source: zstd frames read in tiny chunks", "[byte-source]") {
  const std::string first(5000, 'x'), second = "second frame\n";
  TempFile f(zstd_frame(first) + zstd_frame(second), ".zst");
  ReadAll r = read_all(f.str(), 3);
  CHECK_FALSE(r.failed);
  CHECK(r.data == first + second);
}

TEST_CASE("byte-source: an empty zstd frame is an empty input", "[byte-source]") {
  TempFile f(zstd_frame(""), ".zst");
  ReadAll r = read_all(f.str());
  CHECK(r.opened);
  CHECK_FALSE(r.failed);
  CHECK(r.data.empty());
}

TEST_CASE("byte-source: a truncated zstd file is an error that says so", "[byte-source]") {
  const std::string z = zstd_frame("{\"id\":\"c1\",\"turns\":[]}\n" + noise(3000), true);
  for (std::size_t keep :
       {z.size() - 1, z.size() - 4, z.size() / 2, std::size_t{6}, std::size_t{4}}) {
    CAPTURE(keep);
    TempFile f(z.substr(0, keep), ".zst");
    ReadAll r = read_all(f.str());
    REQUIRE(r.opened);
    CHECK(r.failed);
    CHECK(r.error == "zstd data is truncated");
  }
}

TEST_CASE("byte-source: the second zstd frame cut short is truncated too", "[byte-source]") {
  const std::string second = zstd_frame(noise(2000));
  TempFile f(zstd_frame("first\n") + second.substr(0, second.size() / 2), ".zst");
  ReadAll r = read_all(f.str());
  CHECK(r.failed);
  CHECK(r.error == "zstd data is truncated");
  CHECK(r.data.rfind("first\n", 0) == 0);  // what came before the cut was delivered
}

TEST_CASE("byte-source: a zstd frame with a bad checksum is corrupt", "[byte-source]") {
  std::string z = zstd_frame("hello world, hello zstd\n", true);
  z.back() = static_cast<char>(z.back() ^ 0x55);  // the content checksum ends the frame
  TempFile f(z, ".zst");
  ReadAll r = read_all(f.str());
  CHECK(r.failed);
  CHECK_THAT(r.error, Catch::StartsWith("corrupt zstd data: "));
}

TEST_CASE("byte-source: junk after the last zstd frame is an error", "[byte-source]") {
  TempFile f(zstd_frame("hello\n") + "junk after the frame", ".zst");
  ReadAll r = read_all(f.str());
  CHECK(r.failed);
  CHECK_THAT(r.error, Catch::StartsWith("corrupt zstd data: "));
}

TEST_CASE("byte-source: a skippable frame between zstd frames is skipped", "[byte-source]") {
  TempFile f(zstd_frame("one\n") + skippable_frame("index") + zstd_frame("two\n"), ".zst");
  ReadAll r = read_all(f.str());
  CHECK_FALSE(r.failed);
  CHECK(r.data == "one\ntwo\n");
}

// pzstd (and seekable-format writers) start the file with a skippable frame.
TEST_CASE("byte-source: zstd that starts with a skippable frame (pzstd) is decompressed",
          "[byte-source]") {
  TempFile f(skippable_frame(std::string("\x0e\x00\x00\x00", 4)) + zstd_frame("parallel\n"),
             ".zst");
  ReadAll r = read_all(f.str());
  CHECK_FALSE(r.failed);
  CHECK(r.data == "parallel\n");
}
