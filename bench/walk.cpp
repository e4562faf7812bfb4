// The benchmark's baseline: read the same files the same way chataudit does (1 MiB blocks cut at
// record boundaries) and walk every turn's role and text with simdjson, on one thread. This is
// the ceiling "merely walking the JSON" that PRODUCT.md §10 measures the audit against.
#include <simdjson.h>

#include <cstdio>
#include <string>

#include "input/byte_source.hpp"
#include "input/framing.hpp"

int main(int argc, char** argv) {
  simdjson::ondemand::parser parser;
  std::size_t turns = 0, text_bytes = 0, records = 0;
  for (int a = 1; a < argc; ++a) {
    audit::ByteSource source;
    std::string error;
    if (!source.open(argv[a], error)) {
      std::fprintf(stderr, "%s: %s\n", argv[a], error.c_str());
      return 2;
    }
    audit::Framer framer(source, argv[a], std::size_t{64} << 20, std::size_t{1} << 20);
    audit::Batch batch;
    while (framer.next(batch)) {
      for (const audit::RecordSlice& r : batch.records) {
        ++records;
        simdjson::ondemand::document doc;
        if (parser.iterate(batch.bytes.data() + r.offset, r.length, batch.bytes.size() - r.offset)
                .get(doc))
          continue;
        simdjson::ondemand::object o;
        if (doc.get_object().get(o)) continue;
        for (auto field : o) {
          std::string_view key;
          if (field.unescaped_key().get(key)) break;
          if (key != "turns" && key != "messages") continue;
          simdjson::ondemand::array arr;
          if (field.value().get_array().get(arr)) break;
          for (auto t : arr) {
            simdjson::ondemand::object turn;
            if (t.get_object().get(turn)) break;
            for (auto tf : turn) {
              std::string_view k, v;
              if (tf.unescaped_key().get(k)) break;
              if (k == "role" || k == "text" || k == "content") {
                if (tf.value().get_string().get(v) == simdjson::SUCCESS) text_bytes += v.size();
              }
            }
            ++turns;
          }
        }
      }
      batch.clear();
    }
  }
  std::printf("%zu records, %zu turns, %zu text bytes\n", records, turns, text_bytes);
  return 0;
}
