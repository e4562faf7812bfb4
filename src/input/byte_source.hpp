// A stream of bytes from a file, standard input, or gzip / zstd data in either, read in blocks.
// Compression is recognised by its magic bytes, not by the file name, so `zcat`-less pipelines
// work: `cat x.jsonl.gz | chataudit audit -`. Concatenated gzip members and zstd frames are
// read one after the other.
#pragma once

#include <zlib.h>
#include <zstd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace audit {

class ByteSource {
 public:
  ByteSource() = default;
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;
  ~ByteSource();

  // Opens `path` ("-" is standard input). On failure returns false and sets `error`.
  bool open(const std::string& path, std::string& error);

  // Reads from `bytes` (which must outlive the source) instead of a file: tests and the fuzzer.
  bool open_memory(std::string_view bytes, std::string& error);

  // Reads up to `n` bytes into `out`. Returns the count, 0 at the end, or -1 on a read or
  // decompression error (then `error()` says what went wrong).
  std::ptrdiff_t read(char* out, std::size_t n);

  const std::string& error() const { return error_; }
  std::uint64_t compressed_bytes() const { return raw_bytes_; }
  bool gzip() const { return gzip_; }

 private:
  bool sniff(std::string& error);
  std::ptrdiff_t read_device(char* out, std::size_t n);  // the file, stdin or the memory
  std::ptrdiff_t read_raw(char* out, std::size_t n);
  std::ptrdiff_t read_gzip(char* out, std::size_t n);
  std::ptrdiff_t read_zstd(char* out, std::size_t n);

  int fd_ = -1;
  bool owns_fd_ = false;
  bool gzip_ = false;
  bool raw_eof_ = false;
  bool zstream_live_ = false;
  bool member_open_ = false;  // inside a gzip member whose end has not been seen
  z_stream z_{};
  ZSTD_DStream* zstd_ = nullptr;
  ZSTD_inBuffer zin_{nullptr, 0, 0};
  bool zstd_frame_open_ = false;   // inside a zstd frame whose end has not been seen
  std::vector<unsigned char> in_;  // compressed input block
  std::string_view memory_;        // open_memory(): the bytes not served yet
  bool from_memory_ = false;
  std::string peeked_;  // bytes read to sniff the format, served first
  std::size_t peeked_pos_ = 0;
  std::uint64_t raw_bytes_ = 0;
  std::string error_;
};

}  // namespace audit
