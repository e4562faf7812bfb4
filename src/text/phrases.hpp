// Matching fixed phrases ("talk to a human", "didn't get that") against a turn's tokens, for the
// cue tables in text/cues.cpp. Matching is left to right, longest phrase first, and a matched
// phrase consumes its tokens: so "my travel agent" matches the trap phrase "travel agent" and
// never the request word "agent" inside it. Filler words ("a", "the", "please", "just") are
// skipped on both sides, so "talk to a real human please" matches "talk to real human".
// A phrase never spans a sentence boundary.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/flat_table.hpp"
#include "text/tokenize.hpp"

namespace audit {

struct PhraseMatch {
  std::uint32_t first = 0, end = 0;  // token range [first, end) within the turn
  std::uint8_t tag = 0;
};

class PhraseMatcher {
 public:
  void add(std::string_view phrase, std::uint8_t tag);
  void add_filler(std::string_view word);

  // Calls `on_match(const PhraseMatch&)` for every match in `tokens[0, n)`.
  template <class Fn>
  void scan(const Token* tokens, std::size_t n, Fn on_match) const {
    std::size_t i = 0;
    while (i < n) {
      if (fillers_.find(tokens[i].hash)) {
        ++i;
        continue;
      }
      std::uint64_t h = kPhraseSeed;
      std::size_t best_end = 0;
      std::uint8_t best_tag = 0;
      for (std::size_t j = i; j < n; ++j) {
        if (j > i && (tokens[j].flags & kTokenSentenceStart)) break;
        if (j > i && fillers_.find(tokens[j].hash)) continue;
        h = phrase_hash_step(h, tokens[j].hash);
        const std::uint16_t* e = entries_.find(h);
        if (e == nullptr) break;
        if (*e & 0xFF) {
          best_end = j + 1;
          best_tag = static_cast<std::uint8_t>((*e & 0xFF) - 1);
        }
        if (!(*e & kPrefix)) break;
      }
      if (best_end) {
        on_match(PhraseMatch{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(best_end),
                             best_tag});
        i = best_end;
      } else {
        ++i;
      }
    }
  }

 private:
  static constexpr std::uint16_t kPrefix = 0x100;
  FlatTable<std::uint16_t> entries_;  // phrase (or prefix) hash -> tag + 1 | kPrefix
  FlatTable<bool> fillers_;
};

}  // namespace audit
