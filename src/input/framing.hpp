// Framing: how records are laid out in a file, independent of what a record contains (the
// schema readers). Three layouts, chosen from the first bytes of the file:
//   - JSONL: one record per line (the fast path: memchr for '\n', no per-byte state machine);
//   - a JSON array of records, pretty-printed or not (`[{...},{...}]`);
//   - a stream of JSON values, e.g. one pretty-printed object, or several back to back;
//   - a Bot Framework transcript (.transcript, or an array whose first element names a
//     channelId or recipient): the whole top-level array is one record, one conversation.
// The file is read in blocks and never held whole: memory is bounded by the batch size plus
// the largest record, and a record over `max_record_bytes` is reported and skipped, not kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "input/batch.hpp"
#include "input/byte_source.hpp"

namespace audit {

enum class Framing { unknown, jsonl, json_values, csv };
enum class CsvChoice { detect, always, never };

class Framer {
 public:
  // `name_hint` is the file name, used only to prefer JSONL for `.jsonl` / `.ndjson` files.
  // CSV: `always` with --input-format csv, `never` with another forced format; `detect` chooses
  // it for .csv/.tsv names and for a first line that reads as a chat CSV header.
  Framer(ByteSource& source, std::string_view name_hint, std::size_t max_record_bytes,
         std::size_t batch_bytes, CsvChoice csv = CsvChoice::detect);

  // Appends the next records to `batch` (which must be cleared). Returns false once the input
  // is exhausted and nothing was added.
  bool next(Batch& batch);

  Framing framing() const { return framing_; }

 private:
  bool fill(std::string& buf, std::size_t want);
  void choose_framing(std::string& buf);
  void cut_lines(Batch& batch, std::size_t end);
  bool next_jsonl(Batch& batch);
  bool next_values(Batch& batch);
  bool next_csv(Batch& batch);
  void emit_row(Batch& batch, std::size_t begin, std::size_t end, std::uint64_t line);
  void emit(Batch& batch, std::size_t begin, std::size_t end, std::uint64_t line);
  void emit_too_large(Batch& batch, std::uint64_t line);

  ByteSource& source_;
  bool prefer_jsonl_ = false;
  bool whole_arrays_ = false;
  bool prefer_csv_ = false;
  bool never_csv_ = false;  // a top-level array is one record (Bot Framework transcripts)
  std::size_t max_record_;
  std::size_t batch_bytes_;
  Framing framing_ = Framing::unknown;
  bool eof_ = false;
  bool done_ = false;
  bool first_block_ = true;
  std::string carry_;  // bytes read but not yet cut into records
  std::string error_;
  std::uint64_t line_ = 1;
  std::uint64_t unreported_bytes_ =
      0;  // read since the last batch  // line number of the first byte of carry_

  // JSONL: skipping the rest of an over-long line.
  bool skipping_line_ = false;

  // JSON values: scanner state, kept across blocks so no byte is scanned twice.
  int depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
  bool in_record_ = false;
  bool skipping_record_ = false;
  bool scalar_record_ = false;
  int record_depth_ = 0;  // 0 for a top-level value, 1 for an element of a top-level array
  std::uint64_t record_line_ = 0;
  std::size_t scanned_ = 0;  // bytes of carry_ already scanned

  // CSV: inside a quoted field; at the start of a field (a quote there opens a quoted field,
  // elsewhere it is text); just after a closing quote (a quote there is an escaped "", back
  // inside); the delimiter, from the header (0 until the header row ends: any of , ; TAB);
  // where the row in progress started.
  bool csv_quoted_ = false;
  bool csv_field_start_ = true;
  bool csv_after_quote_ = false;
  char csv_delimiter_ = 0;
  std::uint64_t csv_row_line_ = 1;
};

}  // namespace audit
