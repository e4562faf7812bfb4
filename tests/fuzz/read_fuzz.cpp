// libFuzzer target: arbitrary bytes through everything a hostile input touches: gzip sniffing,
// framing, record parsing (auto-detected formats), text preparation and every detector.
// Build: CXX=clang++ cmake -S . -B build-fuzz -DCHATAUDIT_FUZZ=ON && cmake --build build-fuzz
//        --target chataudit_fuzz && build-fuzz/chataudit_fuzz -max_total_time=60 tests/fuzz/corpus
#include <cstdint>
#include <string>

#include "detectors/detector.hpp"
#include "input/byte_source.hpp"
#include "input/framing.hpp"
#include "input/record_reader.hpp"
#include "text/prepare.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace audit;
  static RecordReader reader;
  static Conversation c;
  static Prepared p;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ByteSource source;
  std::string error;
  if (!source.open_memory(bytes, error)) return 0;
  Framer framer(source, size % 2 ? "fuzz.jsonl" : "fuzz.json", 4096, 512);
  Batch batch;
  std::vector<Finding> findings;
  while (framer.next(batch)) {
    for (const RecordSlice& r : batch.records) {
      if (r.too_large) continue;
      RecordReader::Outcome o =
          reader.read(batch.bytes.data() + r.offset, r.length, batch.bytes.size() - r.offset,
                      batch.format, "fuzz", r.line, c, true);
      if (!o.ok) continue;
      prepare(c, Lexicon::builtin(), p);
      findings.clear();
      for (const Detector& d : all_detectors())
        d.run(c, p, DetectorOptions{}, findings);
    }
    batch.clear();
  }
  return 0;
}
