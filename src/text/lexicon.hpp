// The sentiment lexicon: word valences, multi-word expressions, negators, intensifiers and
// contrast words. The team's own entries live in src/text/lexicon/ as readable files and are
// compiled into the binary (cmake/embed_lexicon.cmake); `--lexicon FILE` adds or overrides
// entries in VADER's format (`term<TAB>valence[<TAB>...]`), so VADER's MIT lexicon drops in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/flat_table.hpp"

namespace audit {

struct WordInfo {
  float valence = 0;  // -4 .. 4, as in VADER
  float booster = 0;  // intensifier (> 0) or dampener (< 0) step
  bool negator = false;
  bool contrast = false;      // "but", "however": what follows weighs more
  bool phrase_start = false;  // some multi-word entry starts with this word
};

class Lexicon {
 public:
  // The built-in lexicon (parsed once, on first use, thread-safe).
  static const Lexicon& builtin();

  // A copy of the built-in lexicon with the entries of `path` added or overriding. On failure
  // returns false and says why in `error` (file and line).
  static bool with_overrides(const std::string& path, Lexicon& out, std::string& error);

  const WordInfo* word(std::uint64_t token_hash) const { return words_.find(token_hash); }
  // A multi-word entry, or a prefix of one (`complete` false), by phrase_hash_step() hash.
  struct Phrase {
    float valence = 0;
    bool complete = false;  // an entry ends here
    bool prefix = false;    // a longer entry continues
  };
  const Phrase* phrase(std::uint64_t phrase_hash) const { return phrases_.find(phrase_hash); }
  std::size_t max_phrase_tokens() const { return max_phrase_; }
  std::size_t size() const { return words_.size() + phrases_.size(); }

  // Adds `term` (one or more words) with `valence`. Returns false if the term has no token.
  bool add_term(std::string_view term, float valence);

 private:
  void load_builtin();
  FlatTable<WordInfo> words_;
  FlatTable<Phrase> phrases_;
  std::size_t max_phrase_ = 1;
};

}  // namespace audit
