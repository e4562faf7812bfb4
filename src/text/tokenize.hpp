// Turns a turn's text into normalised tokens, once per turn (text/prepare.cpp), so no rule
// tokenises again. Normalisation: case folding (ASCII, Latin-1, Latin Extended-A, Greek,
// Cyrillic), accents folded to their base letter ("très" -> "tres", "ß" -> "ss"), letters
// repeated three or more times squeezed to two ("sooo" -> "soo", flagged as elongated), "’"
// read as "'", every emoji and ASCII emoticon a token of its own, everything else a separator.
// Digits stay as they are: "order 4471902" and "order 4471903" must not look the same.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace audit {

enum TokenFlag : std::uint16_t {
  kTokenCaps = 1 << 0,           // written in capitals (at least two letters, all upper)
  kTokenDigit = 1 << 1,          // contains a digit
  kTokenElongated = 1 << 2,      // a letter was repeated 3+ times ("sooo")
  kTokenClauseStart = 1 << 3,    // , ; : or a sentence end came before it
  kTokenSentenceStart = 1 << 4,  // . ! ? or a line break came before it (or it is the first)
  kTokenEmoji = 1 << 5,
  kTokenEmoticon = 1 << 6,
  kTokenAlpha = 1 << 7,  // contains a letter
};

struct Token {
  std::uint32_t begin = 0;  // into the folded character buffer
  std::uint32_t length = 0;
  std::uint64_t hash = 0;           // of the folded bytes (token_hash)
  std::uint64_t squeezed_hash = 0;  // elongated tokens: with every doubled letter single ("so")
  std::uint16_t flags = 0;
};

struct TextStats {
  std::uint32_t exclamations = 0;
  std::uint32_t questions = 0;
  std::uint32_t letters = 0;
  std::uint32_t upper_letters = 0;
};

// Appends the tokens of `text` to `tokens`, their folded bytes to `chars`.
void tokenize(std::string_view text, std::string& chars, std::vector<Token>& tokens,
              TextStats& stats);

// Inline: every token of every turn is hashed, and most callers are in other files.
inline std::uint64_t token_hash(std::string_view folded) {
  // Eight bytes at a time: tokens are short, so this is one or two multiplications.
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ folded.size();
  const char* p = folded.data();
  std::size_t n = folded.size();
  while (n >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  if (n) {
    // The last 1-7 bytes, little-endian, byte by byte: a memcpy of a variable length is a call
    // into libc, which cost more than the rest of the hash.
    std::uint64_t v = 0;
    for (std::size_t k = 0; k < n; ++k)
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ULL;
  }
  return h ^ (h >> 29);
}

// Hash of a sequence of tokens, built one token at a time (phrase tables use it).
inline std::uint64_t phrase_hash_step(std::uint64_t h, std::uint64_t token) {
  h ^= token + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}
inline constexpr std::uint64_t kPhraseSeed = 0x2545F4914F6CDD1DULL;

// Tokenises a lexicon or cue entry: the folded tokens as strings (setup time only).
std::vector<std::string> tokenize_words(std::string_view text);

}  // namespace audit
