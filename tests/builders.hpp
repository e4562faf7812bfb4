// Builders that keep each test 5-15 lines: convo({user("..."), bot("..."), agent("...")}).
// The Conversation is a view; the builder keeps the strings alive for the test's duration.
#pragma once

#include <deque>
#include <initializer_list>
#include <string>
#include <vector>

#include "detectors/detector.hpp"
#include "model.hpp"
#include "text/lexicon.hpp"
#include "text/prepare.hpp"

namespace audit::test {

struct TurnSpec {
  Role role;
  std::string text;
  std::vector<EventKind> events;
};

inline TurnSpec user(std::string t) {
  return {Role::user, std::move(t), {}};
}
inline TurnSpec bot(std::string t, std::vector<EventKind> events = {}) {
  return {Role::bot, std::move(t), std::move(events)};
}
inline TurnSpec agent(std::string t) {
  return {Role::agent, std::move(t), {}};
}
inline TurnSpec system_turn(std::string t) {
  return {Role::system, std::move(t), {}};
}

// A conversation together with the storage its views point into, prepared for the detectors.
struct Built {
  std::deque<std::string> storage;
  Conversation c;
  Prepared p;
};

inline Built convo(std::initializer_list<TurnSpec> turns) {
  Built b;
  b.storage.push_back("test-conversation");
  b.c.id = b.storage.back();
  for (const TurnSpec& t : turns) {
    b.storage.push_back(t.text);
    Turn turn;
    turn.role = t.role;
    turn.text = b.storage.back();
    turn.first_event = static_cast<std::uint32_t>(b.c.events.size());
    for (EventKind k : t.events)
      b.c.events.push_back(Event{k, {}, 0});
    turn.event_count = static_cast<std::uint32_t>(t.events.size());
    b.c.turns.push_back(turn);
  }
  prepare(b.c, Lexicon::builtin(), b.p);
  return b;
}

// Runs one detector on a built conversation.
inline std::vector<Finding> run(DetectFn fn, const Built& b, const DetectorOptions& opt = {}) {
  std::vector<Finding> out;
  fn(b.c, b.p, opt, out);
  return out;
}

}  // namespace audit::test
