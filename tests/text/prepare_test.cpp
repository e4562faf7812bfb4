// prepare(): the turn cache must never change what a turn's analysis is.
#include <catch2/catch.hpp>

#include "builders.hpp"

namespace audit::test {
namespace {

// Everything prepare() derived from turn `i`, with offsets resolved, for comparison.
struct Resolved {
  std::vector<std::string> tokens;
  std::vector<std::uint64_t> hashes, words, content;
  std::vector<std::uint16_t> flags;
  float sentiment;
  std::uint32_t cues, intents, slots;
  std::uint8_t values, acts;
  bool question, fallback, handoff, human_request;
  bool operator==(const Resolved&) const = default;
};

Resolved resolve(const Prepared& p, std::size_t i) {
  const TurnFeatures& f = p.turns[i];
  Resolved r{};
  for (const Token& t : p.tokens_of(f)) {
    r.tokens.push_back(p.chars.substr(t.begin, t.length));
    r.hashes.push_back(t.hash);
    r.flags.push_back(t.flags);
  }
  r.words.assign(p.words(f).begin(), p.words(f).end());
  r.content.assign(p.content(f).begin(), p.content(f).end());
  r.sentiment = f.sentiment;
  r.cues = f.cues;
  r.intents = f.intent.intents;
  r.slots = f.intent.slots;
  r.values = f.values;
  r.acts = f.intent.acts;
  r.question = f.question;
  r.fallback = f.fallback;
  r.handoff = f.handoff;
  r.human_request = f.human_request;
  return r;
}

}  // namespace

TEST_CASE("prepare: a repeated text, served from the turn cache, is analysed exactly as the first",
          "[prepare]") {
  Built b = convo({system_turn("You are Wings, the assistant of Bluewing Air."),
                   bot("Sorry, I didn't get that. Could you rephrase?"),
                   user("I want to talk to an AGENT!!! my order 4471902 is sooo late :("),
                   bot("Sorry, I didn't get that. Could you rephrase?"),
                   user("I want to talk to an AGENT!!! my order 4471902 is sooo late :("),
                   bot("Let me transfer you to an agent.", {EventKind::handoff}),
                   user("Let me transfer you to an agent."), user(""), bot("")});
  Prepared fresh;
  prepare(b.c, Lexicon::builtin(), fresh);  // every text analysed once, repeats from the cache
  Prepared again = std::move(fresh);
  prepare(b.c, Lexicon::builtin(), again);  // every text from the cache
  Prepared uncached;                        // each turn alone: no cache can help
  for (std::size_t i = 0; i < b.c.turns.size(); ++i) {
    Conversation one = b.c;
    one.turns = {b.c.turns[i]};
    one.turns[0].first_event = 0;
    one.events.assign(b.c.events.begin() + b.c.turns[i].first_event,
                      b.c.events.begin() + b.c.turns[i].first_event + b.c.turns[i].event_count);
    Prepared alone;
    prepare(one, Lexicon::builtin(), alone);
    INFO("turn " << i);
    CHECK(resolve(again, i) == resolve(alone, 0));
    CHECK(resolve(b.p, i) == resolve(alone, 0));
  }
  CHECK(again.chars == b.p.chars);
  CHECK(again.tokens.size() == b.p.tokens.size());
  CHECK(again.sets == b.p.sets);
}

TEST_CASE("prepare: the same text from another role is analysed for that role", "[prepare]") {
  Built b =
      convo({bot("Let me transfer you to an agent."), user("Let me transfer you to an agent."),
             bot("Let me transfer you to an agent.")});
  CHECK(b.p.turns[0].handoff);
  CHECK_FALSE(b.p.turns[1].handoff);  // a customer saying it hands nothing off
  CHECK(b.p.turns[2].handoff);
}

TEST_CASE("prepare: a long text is analysed without the cache, the same way", "[prepare]") {
  const std::string long_text = std::string(600, 'x') + " I want a refund, this is useless!";
  Built b = convo({user(long_text), user(long_text)});
  CHECK(resolve(b.p, 0) == resolve(b.p, 1));
  CHECK(b.p.turns[0].sentiment < 0);
}

}  // namespace audit::test

namespace audit::test {

TEST_CASE("prepare: content stems meet across inflections in any language", "[prepare]") {
  Built b =
      convo({user("descargar factura"), user("descargo facturas"), user("Rechnungen herunterladen"),
             user("Rechnung herunterladen"), user("restarting the router"), user("restart routers"),
             user("account"), user("accountant")});
  auto content = [&](std::size_t i) {
    std::span<const std::uint64_t> s = b.p.content(b.p.turns[i]);
    return std::vector<std::uint64_t>(s.begin(), s.end());
  };
  CHECK(content(0) == content(1));
  CHECK(content(2) == content(3));
  CHECK(content(4) == content(5));
  CHECK(content(6) == content(7));  // the price of truncation: related words of 7+ letters meet
}

}  // namespace audit::test
