#include "text/tokenize.hpp"

#include <array>
#include <cstring>

#include "text/utf8.hpp"

namespace audit {

namespace {

// U+00C0..U+00FF folded; "" marks a separator (× and ÷).
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// U+0100..U+017F folded to one letter; 'I' stands for "ij" and 'O' for "oe".
constexpr std::string_view kLatinExtA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiIIjjkkkllllllllllnnnnnnnnnooooooOOrrrrrr"
    "sssssssstttttt"
    "uuuuuuuuuuuuwwyyyzzzzzzs";

// ASCII emoticons, longest first where one is a prefix of another.
constexpr std::string_view kEmoticons[] = {
    ">:-(", ">:(", ":'-(", ":'(", ":-))", ":-((", ":))", ":((", ":-)", ":-(", ":-D", ":-P", ":-p",
    ":-/",  ":-|", ":-O",  ":-o", ";-)",  ":)",   ":(",  ":D",  ":P",  ":p",  ":/",  ":|",  ":O",
    ":o",   ";)",  "=)",   "=(",  "<3",   ":@",   ":S",  ":s",  "^^",  "^_^", "-_-"};

bool is_emoji(std::uint32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0x2764 || cp == 0x203C || cp == 0x2049;
}

bool is_ignorable(std::uint32_t cp) {
  return cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
         cp == 0x200B || cp == 0xAD;
}

// ASCII letters and digits, as a table: the tokenizer asks this of nearly every byte.
constexpr std::array<bool, 256> kAsciiWordByte = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return t;
}();

bool ascii_word_byte(unsigned char c) {
  return kAsciiWordByte[c];
}

// A letter of a script we do not fold (CJK, Arabic, Hebrew, ...): kept as it is, part of a word.
bool is_other_letter(std::uint32_t cp) {
  if (cp < 0x250) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, dingbats
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE6F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
  if (cp == 0xFFFD) return false;
  return !is_emoji(cp);
}

class Tokenizer {
 public:
  Tokenizer(std::string& chars, std::vector<Token>& tokens, TextStats& stats)
      : chars_(chars), tokens_(tokens), stats_(stats) {}

  void run(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (c < 0x80) {
        if (ascii_word_byte(c)) {
          i = add_ascii_run(text, i);
          continue;
        }
        if (c == '\'' && in_word() && i + 1 < text.size() &&
            ascii_word_byte(static_cast<unsigned char>(text[i + 1]))) {
          chars_.push_back('\'');
          ++i;
          continue;
        }
        if (std::size_t n = emoticon_at(text, i)) {
          end_word();
          start_token();
          chars_.append(text.substr(i, n));
          finish_token(kTokenEmoticon);
          i += n;
          continue;
        }
        end_word();
        separator(c);
        ++i;
        continue;
      }
      const std::size_t start = i;
      const std::uint32_t cp = decode_utf8(text, i);
      if (is_ignorable(cp)) continue;
      if (cp == 0x2019 || cp == 0x2018) {  // ’ as an apostrophe inside a word
        if (in_word() && i < text.size() && ascii_word_byte(static_cast<unsigned char>(text[i])))
          chars_.push_back('\'');
        else
          end_word();
        continue;
      }
      if (cp >= 0xC0 && cp <= 0xFF) {
        const char* f = kLatin1[cp - 0xC0];
        if (*f) {
          bool upper = cp <= 0xDE;
          for (const char* p = f; *p; ++p)
            add_letter(*p, upper, false);
          continue;
        }
      } else if (cp >= 0x100 && cp <= 0x17F) {
        char f = kLatinExtA[cp - 0x100];
        if (f == 'I') {
          add_letter('i', false, false);
          add_letter('j', false, false);
        } else if (f == 'O') {
          add_letter('o', false, false);
          add_letter('e', false, false);
        } else {
          add_letter(f, false, false);
        }
        continue;
      } else if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F) ||
                 (cp >= 0x400 && cp <= 0x40F)) {
        std::uint32_t lower = cp >= 0x400 && cp <= 0x40F ? cp + 0x50 : cp + 0x20;
        add_other(lower, true);
        continue;
      } else if (is_emoji(cp)) {
        end_word();
        start_token();
        chars_.append(text.substr(start, i - start));
        finish_token(kTokenEmoji);
        continue;
      } else if (is_other_letter(cp)) {
        add_other(cp, false);
        continue;
      }
      end_word();
      if (cp == 0x2026 || cp == 0x3002)
        pending_ |= kTokenSentenceStart | kTokenClauseStart;
      else if (cp == 0x2014 || cp == 0x2013)
        pending_ |= kTokenClauseStart;
    }
    end_word();
  }

 private:
  bool in_word() const { return word_start_ != kNone; }

  void start_token() { token_begin_ = chars_.size(); }

  void finish_token(std::uint16_t flags) {
    Token t;
    t.begin = static_cast<std::uint32_t>(token_begin_);
    t.length = static_cast<std::uint32_t>(chars_.size() - token_begin_);
    t.hash = token_hash(std::string_view(chars_).substr(token_begin_));
    if (flags & kTokenElongated) t.squeezed_hash = squeezed_hash(token_begin_);
    t.flags = static_cast<std::uint16_t>(
        flags | pending_ |
        (tokens_.size() == first_token_ ? kTokenSentenceStart | kTokenClauseStart : 0));
    pending_ = 0;
    tokens_.push_back(t);
  }

  // The hash of the token with every doubled letter single ("soo" -> "so"); elongated tokens
  // are rare, so building the string here costs nothing measurable.
  std::uint64_t squeezed_hash(std::size_t begin) const {
    char buf[64];
    std::size_t n = 0;
    for (std::size_t k = begin; k < chars_.size() && n < sizeof buf; ++k) {
      if (k > begin && chars_[k] == chars_[k - 1]) continue;
      buf[n++] = chars_[k];
    }
    return token_hash(std::string_view(buf, n));
  }

  void begin_word() {
    if (!in_word()) {
      word_start_ = chars_.size();
      token_begin_ = chars_.size();
      word_letters_ = word_upper_ = 0;
      word_flags_ = 0;
    }
  }

  void add_letter(char folded, bool upper, bool digit) {
    begin_word();
    if (digit) {
      word_flags_ |= kTokenDigit;
    } else {
      word_flags_ |= kTokenAlpha;
      ++word_letters_;
      ++stats_.letters;
      if (upper) {
        ++word_upper_;
        ++stats_.upper_letters;
      }
      // Squeeze a letter repeated three or more times to two ("sooo" -> "soo").
      std::size_t n = chars_.size();
      if (n - word_start_ >= 2 && chars_[n - 1] == folded && chars_[n - 2] == folded) {
        word_flags_ |= kTokenElongated;
        return;
      }
    }
    chars_.push_back(folded);
  }

  // The run of ASCII letters and digits starting at `i`, in one go (most text is ASCII words):
  // the same folding, counting and squeezing as add_letter, byte by byte, without a push_back
  // each. Returns where the run ends.
  std::size_t add_ascii_run(std::string_view text, std::size_t i) {
    std::size_t end = i;
    while (end < text.size() && ascii_word_byte(static_cast<unsigned char>(text[end])))
      ++end;
    begin_word();
    const std::size_t old_size = chars_.size();
    chars_.resize(old_size + (end - i));
    char* const base = chars_.data();
    char* out = base + old_size;
    const char* const word = base + word_start_;
    std::uint32_t letters = 0, upper = 0;
    std::uint16_t flags = 0;
    for (std::size_t k = i; k < end; ++k) {
      const char c = text[k];
      if (c >= '0' && c <= '9') {
        flags |= kTokenDigit;
        *out++ = c;
        continue;
      }
      flags |= kTokenAlpha;
      ++letters;
      const bool is_upper = c <= 'Z';
      upper += is_upper;
      const char folded = static_cast<char>(is_upper ? c + 32 : c);
      if (out - word >= 2 && out[-1] == folded && out[-2] == folded) {
        flags |= kTokenElongated;  // a third repeat ("sooo" -> "soo")
        continue;
      }
      *out++ = folded;
    }
    chars_.resize(static_cast<std::size_t>(out - base));
    word_flags_ |= flags;
    word_letters_ += letters;
    word_upper_ += upper;
    stats_.letters += letters;
    stats_.upper_letters += upper;
    return end;
  }

  void add_other(std::uint32_t cp, bool counts_as_letter) {
    begin_word();
    word_flags_ |= kTokenAlpha;
    if (counts_as_letter) ++stats_.letters;
    char utf8[4];
    chars_.append(utf8, encode_utf8(cp, utf8));
  }

  void end_word() {
    if (!in_word()) return;
    std::uint16_t flags = word_flags_;
    if (word_letters_ >= 2 && word_upper_ == word_letters_) flags |= kTokenCaps;
    finish_token(flags);
    word_start_ = kNone;
  }

  void separator(unsigned char c) {
    switch (c) {
      case '!':
        ++stats_.exclamations;
        pending_ |= kTokenSentenceStart | kTokenClauseStart;
        break;
      case '?':
        ++stats_.questions;
        pending_ |= kTokenSentenceStart | kTokenClauseStart;
        break;
      case '.':
      case '\n':
        pending_ |= kTokenSentenceStart | kTokenClauseStart;
        break;
      case ',':
      case ';':
      case ':':
      case '(':
      case ')':
        pending_ |= kTokenClauseStart;
        break;
      default:
        break;
    }
  }

  // An emoticon must stand alone: after a space or the start, before a space, punctuation or end.
  std::size_t emoticon_at(std::string_view text, std::size_t i) const {
    const char c = text[i];
    if (c != ':' && c != ';' && c != '=' && c != '<' && c != '>' && c != '^' && c != '-') return 0;
    if (i > 0 && text[i - 1] != ' ' && text[i - 1] != '\t' && text[i - 1] != '\n') return 0;
    for (std::string_view e : kEmoticons) {
      if (text.compare(i, e.size(), e) != 0) continue;
      std::size_t end = i + e.size();
      if (end == text.size()) return e.size();
      unsigned char next = static_cast<unsigned char>(text[end]);
      if (next == ' ' || next == '\n' || next == '\t' || next == '.' || next == ',' ||
          next == '!' || next == '?' || next >= 0x80)
        return e.size();
    }
    return 0;
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::string& chars_;
  std::vector<Token>& tokens_;
  TextStats& stats_;
  std::size_t first_token_ = tokens_.size();
  std::size_t word_start_ = kNone;
  std::size_t token_begin_ = 0;
  std::uint32_t word_letters_ = 0, word_upper_ = 0;
  std::uint16_t word_flags_ = 0;
  std::uint16_t pending_ = 0;
};

}  // namespace

void tokenize(std::string_view text, std::string& chars, std::vector<Token>& tokens,
              TextStats& stats) {
  Tokenizer(chars, tokens, stats).run(text);
}

std::vector<std::string> tokenize_words(std::string_view text) {
  std::string chars;
  std::vector<Token> tokens;
  TextStats stats;
  tokenize(text, chars, tokens, stats);
  std::vector<std::string> words;
  for (const Token& t : tokens)
    words.push_back(chars.substr(t.begin, t.length));
  return words;
}

}  // namespace audit
