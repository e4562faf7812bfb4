// Text preparation, once per conversation, shared by every rule (STYLE.md: rules never
// re-tokenise). For each turn: its tokens, the sorted set of its token hashes (for similarity),
// the sorted set of its content words (stopwords left out), its sentiment score, which cue
// phrases it contains, which kinds of values it gives, and what it does (fallback, handoff,
// request for a human). All buffers are reused from one conversation to the next.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model.hpp"
#include "text/cues.hpp"
#include "text/intents.hpp"
#include "text/lexicon.hpp"
#include "text/tokenize.hpp"

namespace audit {

struct TurnFeatures {
  std::uint32_t first_token = 0, token_count = 0;      // in Prepared::tokens
  std::uint32_t first_word = 0, word_count = 0;        // distinct token hashes, sorted
  std::uint32_t first_content = 0, content_count = 0;  // distinct content-word stems, sorted
  float sentiment = 0;
  std::uint32_t cues = 0;      // cue_bit(Cue::...) of every cue phrase matched
  std::uint8_t values = 0;     // ValueKind bits of the values given in the text
  bool question = false;       // contains '?'
  bool fallback = false;       // bot turn: a fallback event or phrase
  bool handoff = false;        // a handoff event, an agent turn, or a bot handoff phrase
  bool human_request = false;  // user turn: asks for a human
  IntentFeatures intent;       // what the turn asks for, repeat/rebuttal acts (text/intents.hpp)
};

// The analysis of recent turn texts, by role and exact text. Bots repeat themselves (greetings,
// menus, "Sorry, I didn't get that", the system prompt of every conversation), and a turn's
// tokens, sets and features depend only on its role and text, so a repeated text is copied, not
// analysed again: the output is the same either way. One slot per hash (the newest text wins),
// texts up to kMaxText bytes: memory stays bounded (typically ~6 MB per worker, at most ~26 MB).
class TurnCache {
 public:
  static constexpr std::size_t kSlots = 2048;
  static constexpr std::size_t kMaxText = 512;

  struct Entry {
    std::uint64_t hash = 0;
    Role role = Role::user;
    bool used = false;
    std::string text;
    std::string chars;                // the folded characters of the tokens
    std::vector<Token> tokens;        // `begin` relative to `chars`
    std::vector<std::uint64_t> sets;  // the word set, then the content set
    TurnFeatures features;            // offsets unset; events not applied
  };

  // The entry holding (role, text), or nullptr.
  const Entry* find(std::uint64_t hash, Role role, std::string_view text) const;
  // The slot for (role, text), emptied, to be filled by the caller.
  Entry& replace(std::uint64_t hash, Role role, std::string_view text);

 private:
  std::vector<Entry> slots_;  // allocated on first use
};

struct Prepared {
  std::string chars;
  std::vector<Token> tokens;
  std::vector<std::uint64_t> sets;
  std::vector<TurnFeatures> turns;
  TurnCache cache;

  std::span<const std::uint64_t> words(const TurnFeatures& t) const {
    return {sets.data() + t.first_word, t.word_count};
  }
  std::span<const std::uint64_t> content(const TurnFeatures& t) const {
    return {sets.data() + t.first_content, t.content_count};
  }
  std::span<const Token> tokens_of(const TurnFeatures& t) const {
    return {tokens.data() + t.first_token, t.token_count};
  }
};

void prepare(const Conversation& c, const Lexicon& lexicon, Prepared& out);

// |a ∩ b| / |a ∪ b| of two sorted sets; 0 when both are empty.
// Jaccard and overlap coefficient of two sorted sets from one merge (callers that need both).
struct SetSimilarity {
  double jaccard = 0, containment = 0;
};
SetSimilarity set_similarity(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b);
double jaccard(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b);
// |a ∩ b| / min(|a|, |b|): how much of the smaller set the larger one contains.
double overlap_coefficient(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b);
// |a ∩ b| of two sorted sets.
std::size_t overlap(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b);

}  // namespace audit
