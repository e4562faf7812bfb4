#include "text/phrases.hpp"

#include <string>

namespace audit {

void PhraseMatcher::add_filler(std::string_view word) {
  for (const std::string& w : tokenize_words(word))
    fillers_[token_hash(w)] = true;
}

void PhraseMatcher::add(std::string_view phrase, std::uint8_t tag) {
  std::vector<std::string> words = tokenize_words(phrase);
  std::uint64_t h = kPhraseSeed;
  bool any = false;
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::uint64_t th = token_hash(words[k]);
    if (fillers_.find(th)) continue;
    if (any) entries_[h] |= kPrefix;  // the phrase so far is a prefix of this one
    h = phrase_hash_step(h, th);
    any = true;
  }
  if (!any) return;
  std::uint16_t& e = entries_[h];
  e = static_cast<std::uint16_t>((e & kPrefix) | (tag + 1));
}

}  // namespace audit
