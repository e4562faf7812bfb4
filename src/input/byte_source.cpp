#include "input/byte_source.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace audit {

namespace {
constexpr std::size_t kCompressedBlock = 256 * 1024;
}

ByteSource::~ByteSource() {
  if (zstream_live_) inflateEnd(&z_);
  if (zstd_ != nullptr) ZSTD_freeDStream(zstd_);
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

bool ByteSource::open_memory(std::string_view bytes, std::string& error) {
  from_memory_ = true;
  memory_ = bytes;
  return sniff(error);
}

bool ByteSource::open(const std::string& path, std::string& error) {
  if (path == "-") {
    fd_ = 0;
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      error = std::strerror(errno);
      return false;
    }
    owns_fd_ = true;
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  return sniff(error);
}

bool ByteSource::sniff(std::string& error) {
  // Sniff four bytes for the gzip or zstd magic. A short read at the start is fine: keep reading
  // until four bytes or the end, so a pipe that delivers one byte at a time still works.
  char magic[4];
  std::size_t got = 0;
  while (got < 4) {
    std::ptrdiff_t n = read_device(magic + got, 4 - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  raw_bytes_ += got;
  peeked_.assign(magic, got);
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(magic[i]); };
  if (got >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) {
    gzip_ = true;
    if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) {
      error = "cannot initialise zlib";
      return false;
    }
    zstream_live_ = true;
    member_open_ = true;
    in_.resize(kCompressedBlock);
    std::memcpy(in_.data(), magic, got);
    z_.next_in = in_.data();
    z_.avail_in = static_cast<uInt>(got);
    peeked_.clear();
  } else if (got == 4 &&
             ((byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f && byte(3) == 0xfd) ||
              // A skippable frame first (pzstd, seekable zstd): 0x184D2A5?.
              ((byte(0) & 0xf0) == 0x50 && byte(1) == 0x2a && byte(2) == 0x4d &&
               byte(3) == 0x18))) {
    zstd_ = ZSTD_createDStream();
    if (zstd_ == nullptr || ZSTD_isError(ZSTD_initDStream(zstd_))) {
      error = "cannot initialise zstd";
      return false;
    }
    in_.resize(kCompressedBlock);
    std::memcpy(in_.data(), magic, got);
    zin_ = {in_.data(), got, 0};
    peeked_.clear();
  }
  return true;
}

std::ptrdiff_t ByteSource::read_raw(char* out, std::size_t n) {
  if (peeked_pos_ < peeked_.size()) {
    std::size_t k = std::min(n, peeked_.size() - peeked_pos_);
    std::memcpy(out, peeked_.data() + peeked_pos_, k);
    peeked_pos_ += k;
    return static_cast<std::ptrdiff_t>(k);
  }
  if (raw_eof_) return 0;
  for (;;) {
    std::ptrdiff_t r = read_device(out, n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      error_ = std::strerror(errno);
      return -1;
    }
    if (r == 0) raw_eof_ = true;
    raw_bytes_ += static_cast<std::uint64_t>(r);
    return r;
  }
}

std::ptrdiff_t ByteSource::read_device(char* out, std::size_t n) {
  if (!from_memory_) return ::read(fd_, out, n);
  std::size_t k = std::min(n, memory_.size());
  if (k) std::memcpy(out, memory_.data(), k);
  memory_.remove_prefix(k);
  return static_cast<std::ptrdiff_t>(k);
}

std::ptrdiff_t ByteSource::read(char* out, std::size_t n) {
  if (gzip_) return read_gzip(out, n);
  if (zstd_ != nullptr) return read_zstd(out, n);
  return read_raw(out, n);
}

// zstd: frames one after the other (`cat a.zst b.zst`) are read in turn by the same stream.
std::ptrdiff_t ByteSource::read_zstd(char* out, std::size_t n) {
  ZSTD_outBuffer zout{out, n, 0};
  while (zout.pos == 0) {
    if (zin_.pos == zin_.size) {
      if (raw_eof_) break;
      std::ptrdiff_t r = read_raw(reinterpret_cast<char*>(in_.data()), in_.size());
      if (r < 0) return -1;
      if (r == 0) break;
      zin_ = {in_.data(), static_cast<std::size_t>(r), 0};
    }
    const std::size_t rc = ZSTD_decompressStream(zstd_, &zout, &zin_);
    if (ZSTD_isError(rc)) {
      error_ = std::string("corrupt zstd data: ") + ZSTD_getErrorName(rc);
      return -1;
    }
    zstd_frame_open_ = rc != 0;
  }
  if (zout.pos == 0 && zstd_frame_open_) {
    zstd_frame_open_ = false;
    error_ = "zstd data is truncated";
    return -1;
  }
  return static_cast<std::ptrdiff_t>(zout.pos);
}

std::ptrdiff_t ByteSource::read_gzip(char* out, std::size_t n) {
  z_.next_out = reinterpret_cast<unsigned char*>(out);
  z_.avail_out = static_cast<uInt>(n);
  while (z_.avail_out == n) {
    if (z_.avail_in == 0) {
      if (raw_eof_) break;
      std::ptrdiff_t r = read_raw(reinterpret_cast<char*>(in_.data()), in_.size());
      if (r < 0) return -1;
      if (r == 0) break;
      z_.next_in = in_.data();
      z_.avail_in = static_cast<uInt>(r);
    }
    int rc = inflate(&z_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      member_open_ = false;
      // Another gzip member may follow (`cat a.gz b.gz`); anything else after the end is junk.
      if (z_.avail_in == 0 && !raw_eof_) {
        std::ptrdiff_t r = read_raw(reinterpret_cast<char*>(in_.data()), in_.size());
        if (r < 0) return -1;
        z_.next_in = in_.data();
        z_.avail_in = static_cast<uInt>(r);
      }
      if (z_.avail_in == 0) {
        raw_eof_ = true;
        break;
      }
      if (z_.next_in[0] != 0x1f) {
        error_ = "trailing data after the end of the gzip stream";
        return -1;
      }
      inflateReset(&z_);
      member_open_ = true;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      error_ = std::string("corrupt gzip data: ") + (z_.msg ? z_.msg : "inflate failed");
      return -1;
    } else if (rc == Z_BUF_ERROR && z_.avail_in == 0 && raw_eof_) {
      break;
    }
  }
  std::size_t produced = n - z_.avail_out;
  if (produced == 0 && member_open_) {
    // The input ended in the middle of a gzip member: the file was cut short.
    member_open_ = false;
    error_ = "gzip data is truncated";
    return -1;
  }
  return static_cast<std::ptrdiff_t>(produced);
}

}  // namespace audit
