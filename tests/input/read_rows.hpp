// ReadRows: the rows of one conversation of a row format (CSV, Rasa event stream, Dialogflow)
// through RecordReader::read_group, as consecutive lines of a file, for the reader tests. The
// Conversation points into this object's buffers, so it is built in place and kept for the test.
#pragma once

#include <simdjson.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "input/conversation_text.hpp"
#include "input/csv.hpp"
#include "input/record_reader.hpp"

namespace audit::test {

struct ReadRows {
  // `layout`: CSV only (the header's columns); `first_line`: the line of the first row.
  ReadRows(InputFormat format, const std::vector<std::string>& rows, std::string_view source,
           std::uint64_t first_line, std::uint32_t part, const CsvLayout* layout = nullptr)
      : layout_(layout ? *layout : CsvLayout{}) {
    std::uint64_t line = first_line;
    for (const std::string& r : rows) {
      slices.push_back({bytes.size(), r.size(), line++});
      bytes += r;
      bytes += '\n';
    }
    bytes.append(simdjson::SIMDJSON_PADDING, '\0');
    out = reader.read_group(bytes.data(), slices, part, format, layout ? &layout_ : nullptr, source,
                            c, errors);
  }
  ReadRows(const ReadRows&) = delete;
  ReadRows& operator=(const ReadRows&) = delete;

  std::string_view meta(std::string_view key) const { return metadata_value(c, key); }

  std::string events_of(std::size_t t) const { return events_text(c, t); }

  const Event& event(std::size_t t, std::size_t i) const {
    REQUIRE(i < c.turns.at(t).event_count);
    return c.events.at(c.turns[t].first_event + i);
  }

  std::string turns() const { return turns_text(c); }

  CsvLayout layout_;
  std::string bytes;
  std::vector<RowSlice> slices;
  RecordReader reader;
  Conversation c;
  std::vector<RowError> errors;
  RecordReader::Outcome out;
};

}  // namespace audit::test
