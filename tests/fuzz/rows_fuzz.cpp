// libFuzzer target for the row formats: arbitrary bytes framed as CSV (or as JSON lines), rows
// grouped by a key taken from the bytes, and each group read as CSV, a Rasa event stream or
// Dialogflow rows, then prepared and audited by every detector. The first byte picks the
// format and the grouping window, so the fuzzer explores all of them.
// Build: see read_fuzz.cpp; the target is chataudit_fuzz_rows.
#include <cstdint>
#include <memory>
#include <string>

#include "detectors/detector.hpp"
#include "input/byte_source.hpp"
#include "input/csv.hpp"
#include "input/framing.hpp"
#include "input/grouping.hpp"
#include "input/record_reader.hpp"
#include "text/prepare.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace audit;
  if (size < 1) return 0;
  static RecordReader reader;
  static Conversation c;
  static Prepared p;
  const std::uint8_t mode = data[0];
  const InputFormat format = mode % 3 == 0   ? InputFormat::csv
                             : mode % 3 == 1 ? InputFormat::rasa_events
                                             : InputFormat::dialogflow;
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  ByteSource source;
  std::string error;
  if (!source.open_memory(bytes, error)) return 0;
  Framer framer(source, "fuzz", 4096, 512,
                format == InputFormat::csv ? CsvChoice::always : CsvChoice::never);
  RowGrouper grouper((mode >> 2) % 4, 2048);  // windows 0..3 rows: closes and resumes often
  std::shared_ptr<CsvLayout> layout;
  Batch framed, grouped;
  std::vector<RowError> row_errors;
  std::vector<Finding> findings;
  auto audit_groups = [&] {
    grouped.bytes.append(simdjson::SIMDJSON_PADDING, '\0');
    for (const RecordSlice& r : grouped.records) {
      if (r.too_large || r.row_count == 0) continue;
      if (format == InputFormat::csv && !layout) continue;
      row_errors.clear();
      RecordReader::Outcome o = reader.read_group(
          grouped.bytes.data(),
          std::span<const RowSlice>(grouped.rows).subspan(r.first_row, r.row_count), r.part, format,
          layout.get(), "fuzz", c, row_errors);
      if (!o.ok) continue;
      prepare(c, Lexicon::builtin(), p);
      findings.clear();
      for (const Detector& d : all_detectors())
        d.run(c, p, DetectorOptions{}, findings);
    }
    grouped.clear();
  };
  while (framer.next(framed)) {
    for (const RecordSlice& r : framed.records) {
      if (r.too_large) {
        grouper.add_too_large(r.line, grouped);
        continue;
      }
      std::string_view row(framed.bytes.data() + r.offset, r.length);
      if (format == InputFormat::csv && !layout) {
        auto l = std::make_shared<CsvLayout>();
        if (read_csv_header(row, FieldMap{}, *l, error)) layout = l;
        continue;
      }
      // A key from the row's first bytes: rows of a "conversation" interleave arbitrarily.
      grouper.add(row.substr(0, 2), row.size() > 2 && row[2] == '!', row, r.line, grouped);
    }
    const bool last = framed.last_of_file;
    framed.clear();
    if (last) grouper.flush(grouped);
    audit_groups();
    if (last) break;
  }
  return 0;
}
