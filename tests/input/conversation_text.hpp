// A read Conversation as short strings, for the reader tests' assertions: shared by ReadRecord,
// ReadRows and the tests with readers of their own, so each says only what it checks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model.hpp"

namespace audit::test {

// The metadata value of `key`, or "<missing>".
inline std::string_view metadata_value(const Conversation& c, std::string_view key) {
  for (const MetadataField& m : c.metadata)
    if (m.key == key) return m.value;
  return "<missing>";
}

// "user:text|bot:text|..."
inline std::string turns_text(const Conversation& c) {
  std::string s;
  for (const Turn& t : c.turns) {
    if (!s.empty()) s += '|';
    s += role_name(t.role);
    s += ':';
    s += t.text;
  }
  return s;
}

// The events of turn `t` as "kind:name", separated by spaces.
inline std::string events_text(const Conversation& c, std::size_t t) {
  std::string s;
  const Turn& turn = c.turns.at(t);
  for (std::uint32_t e = turn.first_event; e < turn.first_event + turn.event_count; ++e) {
    if (!s.empty()) s += ' ';
    s += event_kind_name(c.events[e].kind);
    s += ':';
    s += c.events[e].name;
  }
  return s;
}

}  // namespace audit::test
