#include "input/framing.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "input/csv.hpp"

namespace audit {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Does the line hold exactly one complete JSON value? Brackets are counted outside strings;
// this is a framing guess, not validation (the parser validates each record).
constexpr std::size_t kActivitySniffBytes = 4096;

bool line_is_complete_value(std::string_view line) {
  int depth = 0;
  bool in_string = false, escape = false, closed = false;
  for (char c : line) {
    if (closed) {
      if (!is_space(c)) return false;
      continue;
    }
    if (in_string) {
      if (escape)
        escape = false;
      else if (c == '\\')
        escape = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) closed = true;
    }
  }
  return closed;
}

}  // namespace

Framer::Framer(ByteSource& source, std::string_view name_hint, std::size_t max_record_bytes,
               std::size_t batch_bytes, CsvChoice csv)
    : source_(source), max_record_(max_record_bytes), batch_bytes_(batch_bytes) {
  std::string_view n = name_hint;
  if (ends_with(n, ".gz")) n.remove_suffix(3);
  if (ends_with(n, ".zst")) n.remove_suffix(4);
  never_csv_ = csv == CsvChoice::never;
  prefer_csv_ =
      csv == CsvChoice::always || (!never_csv_ && (ends_with(n, ".csv") || ends_with(n, ".tsv")));
  prefer_jsonl_ = ends_with(n, ".jsonl") || ends_with(n, ".ndjson");
  whole_arrays_ = ends_with(n, ".transcript");
}

bool Framer::fill(std::string& buf, std::size_t want) {
  constexpr std::size_t kMinRead = 64 * 1024;
  while (!eof_ && buf.size() < want) {
    std::size_t old = buf.size();
    buf.resize(std::max(want, old + kMinRead));
    std::ptrdiff_t n = source_.read(buf.data() + old, buf.size() - old);
    if (n <= 0) {
      if (n < 0) error_ = source_.error();
      eof_ = true;
      n = 0;
    }
    buf.resize(old + static_cast<std::size_t>(n));
    unreported_bytes_ += static_cast<std::uint64_t>(n);
  }
  return !buf.empty();
}

void Framer::choose_framing(std::string& buf) {
  if (buf.size() >= 3 && std::memcmp(buf.data(), "\xEF\xBB\xBF", 3) == 0) buf.erase(0, 3);
  std::size_t i = 0;
  while (i < buf.size() && is_space(buf[i]))
    ++i;
  framing_ = Framing::jsonl;  // also for garbage: line by line gives the clearest errors
  if (prefer_csv_) {
    framing_ = Framing::csv;
    return;
  }
  if (i == buf.size()) return;
  if (buf[i] != '[' && buf[i] != '{' && !never_csv_) {
    const void* nl = std::memchr(buf.data(), '\n', buf.size());
    const std::size_t end =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data()) : buf.size();
    if (looks_like_csv_header(std::string_view(buf).substr(0, end))) framing_ = Framing::csv;
    return;
  }
  if (buf[i] == '[') {
    framing_ = Framing::json_values;
    // A Bot Framework transcript is an array of activities that together are one
    // conversation: its first element names a channel or a recipient.
    const std::string_view head = std::string_view(buf).substr(i, kActivitySniffBytes);
    if (head.find("\"channelId\"") != std::string_view::npos ||
        head.find("\"recipient\"") != std::string_view::npos)
      whole_arrays_ = true;
  } else if (buf[i] == '{') {
    const void* nl = std::memchr(buf.data() + i, '\n', buf.size() - i);
    if (nl != nullptr && !prefer_jsonl_) {
      std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data());
      if (!line_is_complete_value(std::string_view(buf).substr(i, end - i)))
        framing_ = Framing::json_values;
    }
  }
}

bool Framer::next(Batch& batch) {
  if (done_) return false;
  batch.bytes.assign(carry_);
  carry_.clear();
  if (first_block_) {
    first_block_ = false;
    fill(batch.bytes, batch_bytes_);
    choose_framing(batch.bytes);
  }
  bool got = framing_ == Framing::json_values ? next_values(batch)
             : framing_ == Framing::csv       ? next_csv(batch)
                                              : next_jsonl(batch);
  batch.bytes.append(simdjson::SIMDJSON_PADDING, '\0');
  batch.input_bytes = unreported_bytes_;
  unreported_bytes_ = 0;
  if (done_) {
    batch.last_of_file = true;
    batch.read_error = error_;
  }
  return got || batch.last_of_file;
}

void Framer::emit(Batch& batch, std::size_t begin, std::size_t end, std::uint64_t line) {
  const std::string& b = batch.bytes;
  while (begin < end && is_space(b[begin]))
    ++begin;
  while (end > begin && is_space(b[end - 1]))
    --end;
  if (begin == end) return;  // a blank line is not a record
  if (end - begin > max_record_) {
    emit_too_large(batch, line);
    return;
  }
  batch.records.push_back({begin, end - begin, line, false});
}

void Framer::emit_too_large(Batch& batch, std::uint64_t line) {
  batch.records.push_back({0, 0, line, true});
}

void Framer::cut_lines(Batch& batch, std::size_t end) {
  const char* base = batch.bytes.data();
  std::size_t start = 0;
  while (start < end) {
    const void* nl = std::memchr(base + start, '\n', end - start);
    std::size_t line_end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - base) : end;
    emit(batch, start, line_end, line_);
    if (nl) ++line_;
    start = line_end + 1;
  }
}

bool Framer::next_jsonl(Batch& batch) {
  std::string& buf = batch.bytes;
  std::size_t want = batch_bytes_;
  for (;;) {
    fill(buf, want);
    if (skipping_line_) {
      // The rest of an over-long line: drop it without keeping it.
      const void* nl = std::memchr(buf.data(), '\n', buf.size());
      if (nl == nullptr) {
        buf.clear();
        if (eof_) {
          done_ = true;
          return !batch.records.empty();
        }
        continue;
      }
      buf.erase(0, static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data()) + 1);
      ++line_;
      skipping_line_ = false;
      continue;
    }
    const void* last = buf.empty() ? nullptr : memrchr(buf.data(), '\n', buf.size());
    if (last != nullptr) {
      std::size_t end = static_cast<std::size_t>(static_cast<const char*>(last) - buf.data()) + 1;
      carry_.assign(buf, end, std::string::npos);
      buf.resize(end);
      cut_lines(batch, end);
      if (eof_ && carry_.empty()) done_ = true;
      return true;
    }
    if (eof_) {
      cut_lines(batch, buf.size());
      done_ = true;
      return !batch.records.empty();
    }
    if (buf.size() > max_record_) {
      emit_too_large(batch, line_);
      skipping_line_ = true;
      buf.clear();
      return true;
    }
    want = buf.size() * 2;  // one line longer than the block: read on until its end
  }
}

bool Framer::next_values(Batch& batch) {
  std::string& buf = batch.bytes;
  std::size_t want = batch_bytes_;
  std::size_t record_start = 0;  // a record in progress always starts at 0 of a new batch
  std::size_t i = scanned_;
  std::size_t kept_end = 0;  // bytes up to here belong to emitted records
  for (;;) {
    fill(buf, want);
    const char* b = buf.data();
    const std::size_t n = buf.size();
    for (; i < n; ++i) {
      const char c = b[i];
      if (c == '\n') ++line_;
      if (in_record_ && !skipping_record_ && i - record_start >= max_record_) {
        emit_too_large(batch, record_line_);  // checked first: also inside a long string
        skipping_record_ = true;
      }
      if (in_string_) {
        if (escape_) {
          escape_ = false;
        } else if (c == '\\') {
          escape_ = true;
        } else if (c == '"') {
          in_string_ = false;
          if (in_record_ && scalar_record_) {
            if (!skipping_record_) emit(batch, record_start, i + 1, record_line_);
            in_record_ = skipping_record_ = false;
            kept_end = i + 1;
          }
        }
        continue;
      }
      if (in_record_ && scalar_record_) {
        // A bare number or literal ends at the first structural byte or space.
        if (is_space(c) || c == ',' || c == ']' || c == '}' || c == '[' || c == '{') {
          if (!skipping_record_) emit(batch, record_start, i, record_line_);
          in_record_ = skipping_record_ = false;
          kept_end = i;
          if (c == '\n') --line_;  // the byte is looked at again below
          --i;
        }
        continue;
      }
      if (!in_record_) {
        if (is_space(c)) continue;
        if (depth_ == 1 && record_depth_ == 1) {
          if (c == ',') continue;
          if (c == ']') {
            depth_ = 0;
            record_depth_ = 0;
            continue;
          }
        } else if (depth_ == 0 && c == '[' && !whole_arrays_) {
          depth_ = 1;  // a top-level array: its elements are the records
          record_depth_ = 1;
          continue;
        }
        in_record_ = true;
        skipping_record_ = false;
        record_start = i;
        record_line_ = line_;
        record_depth_ = depth_;
        if (c == '{' || c == '[') {
          scalar_record_ = false;
          ++depth_;
        } else {
          scalar_record_ = true;
          if (c == '"') in_string_ = true;
        }
        continue;
      }
      if (c == '"') {
        in_string_ = true;
      } else if (c == '{' || c == '[') {
        ++depth_;
      } else if (c == '}' || c == ']') {
        if (--depth_ == record_depth_) {
          if (!skipping_record_) emit(batch, record_start, i + 1, record_line_);
          in_record_ = skipping_record_ = false;
          kept_end = i + 1;
        }
      }
    }
    if (eof_) {
      if (in_record_ && !skipping_record_) emit(batch, record_start, n, record_line_);
      in_record_ = false;
      done_ = true;
      return !batch.records.empty();
    }
    if (!batch.records.empty()) {
      if (in_record_ && !skipping_record_) {
        carry_.assign(buf, record_start, std::string::npos);
        scanned_ = n - record_start;
      } else {
        scanned_ = 0;
      }
      buf.resize(std::max(kept_end, std::min(record_start, n)));
      return true;
    }
    // No record finished in this block: it is either being skipped or longer than the block.
    if (skipping_record_ || !in_record_) {
      buf.clear();
      record_start = 0;
      i = 0;
      kept_end = 0;
    } else {
      want = n * 2;
    }
  }
}

// CSV rows end at a line break outside quotes (RFC 4180). A quote opens a quoted field only at
// the start of a field, as split_csv_row reads it: elsewhere ("my 5" screen") it is text and
// must not swallow the rows after it. The quote state and the line where the row in progress
// started are kept across blocks.
void Framer::emit_row(Batch& batch, std::size_t begin, std::size_t end, std::uint64_t line) {
  const std::string& b = batch.bytes;
  if (end > begin && b[end - 1] == '\r') --end;
  if (begin == end) return;  // a blank line is not a row
  if (end - begin > max_record_) {
    emit_too_large(batch, line);
    return;
  }
  batch.records.push_back({begin, end - begin, line, false});
}

bool Framer::next_csv(Batch& batch) {
  std::string& buf = batch.bytes;
  std::size_t want = batch_bytes_;
  std::size_t row_start = 0;  // a row in progress always starts at 0 of a new batch
  std::size_t i = scanned_;
  std::size_t kept_end = 0;
  for (;;) {
    fill(buf, want);
    const char* b = buf.data();
    const std::size_t n = buf.size();
    for (; i < n; ++i) {
      const char c = b[i];
      if (csv_quoted_) {
        if (c == '"') {
          csv_quoted_ = false;  // closed, unless another quote follows ("")
          csv_after_quote_ = true;
        } else if (c == '\n') {
          ++line_;
        }
      } else if (c == '"') {
        if (csv_field_start_ || csv_after_quote_) csv_quoted_ = true;
        csv_field_start_ = csv_after_quote_ = false;
      } else if (c == '\n') {
        ++line_;
        if (csv_delimiter_ == 0)  // the header row: it names the delimiter
          csv_delimiter_ = csv_delimiter_of(std::string_view(b + row_start, i - row_start));
        csv_field_start_ = true;
        csv_after_quote_ = false;
        if (!skipping_record_) emit_row(batch, row_start, i, csv_row_line_);
        skipping_record_ = false;
        row_start = kept_end = i + 1;
        csv_row_line_ = line_;
        continue;
      } else {
        csv_field_start_ =
            csv_delimiter_ ? c == csv_delimiter_ : (c == ',' || c == ';' || c == '\t');
        csv_after_quote_ = false;
      }
      if (!skipping_record_ && i - row_start >= max_record_) {
        emit_too_large(batch, csv_row_line_);
        skipping_record_ = true;
      }
    }
    if (eof_) {
      if (row_start < n && !skipping_record_) emit_row(batch, row_start, n, csv_row_line_);
      done_ = true;
      return !batch.records.empty();
    }
    if (!batch.records.empty()) {
      if (!skipping_record_) {
        carry_.assign(buf, row_start, std::string::npos);
        scanned_ = n - row_start;
      } else {
        scanned_ = 0;
      }
      buf.resize(kept_end);
      return true;
    }
    if (skipping_record_) {
      buf.clear();
      row_start = i = kept_end = 0;
    } else {
      want = n * 2;  // one row longer than the block: read on until its end
    }
  }
}

}  // namespace audit
