// ReadRecord: parses one JSON record with a RecordReader, for the reader tests. The Conversation
// points into this object's buffer and reader, so it is built in place and kept for the test.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "input/conversation_text.hpp"
#include "input/record_reader.hpp"

namespace audit::test {

struct ReadRecord {
  ReadRecord(std::string_view json, InputFormat format, std::string_view source, std::uint64_t line)
      : buf(std::string(json) + std::string(simdjson::SIMDJSON_PADDING, '\0')) {
    out = reader.read(buf.data(), json.size(), buf.size(), format, source, line, c);
  }
  ReadRecord(const ReadRecord&) = delete;
  ReadRecord& operator=(const ReadRecord&) = delete;

  std::string_view meta(std::string_view key) const { return metadata_value(c, key); }

  // The events of turn `t`.
  std::span<const Event> events(std::size_t t) const {
    return {c.events.data() + c.turns[t].first_event, c.turns[t].event_count};
  }

  std::string buf;
  RecordReader reader;
  Conversation c;
  RecordReader::Outcome out;
};

}  // namespace audit::test
