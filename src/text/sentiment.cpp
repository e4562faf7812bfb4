#include "text/sentiment.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>

namespace audit {

namespace {

constexpr float kCapsBoost = 0.733f;
constexpr float kElongationBoost = 0.293f;
constexpr float kNegation = -0.74f;
constexpr float kBeforeContrast = 0.5f;
constexpr float kAfterContrast = 1.5f;
constexpr float kExclamation = 0.292f;
constexpr float kQuestion = 0.18f;
constexpr float kNormalisation = 15.0f;
constexpr float kBoosterDecay[] = {1.0f, 0.95f, 0.9f};
constexpr float kShouting = 1.5f;               // a message all in capitals, with nothing positive
constexpr float kShoutingPositive = 0.5f;       // ... or with something positive
constexpr float kImpatience = 0.8f;             // "??" with nothing positive
constexpr float kSarcasmFlip = -0.6f;           // positive words in a message marked as sarcastic
constexpr std::size_t kInterjectionTokens = 3;  // "Oh great," "Brilliant." "Genial,"
constexpr float kRepetition = -1.4f;   // "three times", "4 times", "dreimal": I keep trying
constexpr float kPersistence = -1.6f;  // "still hasn't", "immer noch nicht": it still fails

// Word classes of the frustration constructions (rules 2a, 2b and 6 in docs/rules.md). They are
// built from few words that combine freely ("3 times", "cinco veces", "zum x-ten Mal"), so they
// are matched here rather than listed as lexicon phrases.
enum class Frame : std::uint8_t {
  none,
  count,        // "two" .. "ten", "2" .. "99" in en, es, de, fr
  repeat_noun,  // "times", "veces", "fois", "mal": after a count, a repetition
  repeat_word,  // a count and its noun in one word: "twice", "dreimal", "mehrmals"
  rate,         // after a repetition, a frequency, not a complaint: "3 times a day", "par jour"
  installment,  // before a count, payment in parts: "payer en 3 fois"
  persist,  // "still", "todavía", "aún", "toujours", "immer": with a negator, a failure that lasts
  gratitude,  // "thanks", "gracias", "danke", "merci": a closing thank-you is not irony
};

const FlatTable<Frame>& frames() {
  static const FlatTable<Frame> table = [] {
    FlatTable<Frame> t;
    auto add = [&](Frame f, std::initializer_list<std::string_view> words) {
      for (std::string_view w : words) {
        for (const std::string& folded : tokenize_words(w))
          t[token_hash(folded)] = f;
      }
    };
    add(Frame::count,
        {"two",  "three", "four",   "five",  "six",   "seven",  "eight", "nine",  "ten",
         "dos",  "tres",  "cuatro", "cinco", "seis",  "siete",  "ocho",  "nueve", "diez",
         "zwei", "drei",  "vier",   "fünf",  "sechs", "sieben", "acht",  "neun",  "zehn",
         "deux", "trois", "quatre", "cinq",  "sept",  "huit",   "neuf",  "dix"});
    for (int n = 2; n < 100; ++n)
      t[token_hash(std::to_string(n))] = Frame::count;
    add(Frame::repeat_noun, {"times", "veces", "fois", "mal"});
    add(Frame::repeat_word,
        {"twice", "zweimal", "dreimal", "viermal", "fünfmal", "zigmal", "mehrmals", "hundertmal"});
    add(Frame::rate, {"a", "an", "per", "each", "every", "daily", "por", "al", "cada", "par", "pro",
                      "am", "im", "täglich"});
    add(Frame::installment, {"en"});
    add(Frame::persist, {"still", "todavía", "aún", "toujours", "immer"});
    add(Frame::gratitude, {"thanks", "thank", "thx", "ty", "cheers", "gracias", "danke", "merci"});
    return t;
  }();
  return table;
}

Frame frame_of(const Token& t) {
  const Frame* f = frames().find(t.hash);
  return f ? *f : Frame::none;
}

// Tokens [i, i + len) are a repetition count ("three times", "dreimal") used as a complaint, not
// a frequency ("three times a day") or an instalment plan ("en 3 fois"). Returns len, or 0.
std::size_t repetition_at(const Token* tokens, const Frame* frame, std::size_t n, std::size_t i) {
  std::size_t len = 0;
  const Frame f = frame[i];
  if (f == Frame::repeat_word) {
    len = 1;
  } else if (f == Frame::count && i + 1 < n && !(tokens[i + 1].flags & kTokenClauseStart) &&
             frame[i + 1] == Frame::repeat_noun) {
    if (i > 0 && frame[i - 1] == Frame::installment) return 0;
    len = 2;
  }
  if (len == 0) return 0;
  const std::size_t next = i + len;
  if (next < n && !(tokens[next].flags & kTokenClauseStart) && frame[next] == Frame::rate) return 0;
  return len;
}

// "still" and its kin followed by a negator in the same clause ("it still hasn't arrived",
// "aún no", "immer noch nicht", "toujours pas").
bool persistence_at(const Token* tokens, const Frame* frame, std::size_t n, std::size_t i,
                    std::size_t len, const std::vector<const WordInfo*>& info) {
  if (frame[i] != Frame::persist) return false;
  for (std::size_t k = i + 1; k < n && k <= i + len + 2; ++k) {
    if (tokens[k].flags & kTokenClauseStart) return false;
    if (info[k] && info[k]->negator) return true;
  }
  return false;
}

float sign(float v) {
  return v < 0 ? -1.0f : 1.0f;
}

// The lexicon entry of a token; an elongated token not found is tried with its letters single
// ("sooo" -> "so", "veeery" -> "very").
const WordInfo* lookup(const Token& t, const Lexicon& lexicon) {
  const WordInfo* w = lexicon.word(t.hash);
  if (!w && (t.flags & kTokenElongated)) w = lexicon.word(t.squeezed_hash);
  return w;
}

// Eye-roll and upside-down faces mark what is around them as sarcastic; so does a final
// one-word "Not." ("That was super helpful. Not.").
bool sarcasm_marker(const Token* tokens, std::size_t n) {
  static const std::uint64_t kMarkers[] = {token_hash("🙄"), token_hash("🙃")};
  static const std::uint64_t kFinalNot[] = {token_hash("not"), token_hash("nicht"),
                                            token_hash("pas"), token_hash("no")};
  for (std::size_t i = 0; i < n; ++i) {
    for (std::uint64_t m : kMarkers)
      if (tokens[i].hash == m) return true;
  }
  if (n >= 3 && (tokens[n - 1].flags & kTokenSentenceStart)) {
    for (std::uint64_t m : kFinalNot)
      if (tokens[n - 1].hash == m) return true;
  }
  return false;
}

}  // namespace

float sentiment_score(const Token* tokens, std::size_t n, const TextStats& stats,
                      const Lexicon& lexicon) {
  if (n == 0) return 0;  // punctuation alone ("?!?!") says nothing we can score
  const bool shouting = stats.letters >= 4 && stats.upper_letters * 10 >= stats.letters * 8;
  // One lexicon and one frame lookup per token; the loops below read these.
  thread_local std::vector<const WordInfo*> info;
  thread_local std::vector<Frame> frame_storage;
  info.resize(n);
  frame_storage.resize(n);
  const Frame* frame = frame_storage.data();
  std::size_t contrast_at = n;
  for (std::size_t i = 0; i < n; ++i) {
    info[i] = lookup(tokens[i], lexicon);
    frame_storage[i] = frame_of(tokens[i]);
    if (contrast_at == n && info[i] && info[i]->contrast) contrast_at = i;
  }
  // The first clause, when it is a short interjection ("Great," "Oh perfect.").
  std::size_t first_clause_end = n;
  for (std::size_t i = 1; i < n; ++i) {
    if (tokens[i].flags & kTokenClauseStart) {
      first_clause_end = i;
      break;
    }
  }
  // The last clause, when it is a short interjection ("..., genial." "... Brilliant."), and
  // whether it thanks ("..., thanks!" closes a complaint politely, not ironically).
  std::size_t last_clause_start = 0;
  bool closing_thanks = false;
  for (std::size_t i = n; i-- > 1;) {
    if (tokens[i].flags & kTokenClauseStart) {
      last_clause_start = i;
      break;
    }
  }
  for (std::size_t i = last_clause_start; i < n; ++i) {
    if (frame[i] == Frame::gratitude) closing_thanks = true;
  }
  float sum = 0, positive = 0, negative = 0, opening_positive = 0, opening_negative = 0,
        rest_negative = 0, closing_positive = 0, closing_negative = 0, before_closing = 0;
  std::size_t barrier = 0;  // negators and intensifiers are not looked for before this token
  std::size_t i = 0;
  while (i < n) {
    const Token& t = tokens[i];
    const WordInfo* w = info[i];
    float v = 0;
    std::size_t len = 1;
    if (w && w->phrase_start) {
      std::uint64_t h = phrase_hash_step(kPhraseSeed, t.hash);
      const std::size_t max_len = std::min(lexicon.max_phrase_tokens(), n - i);
      for (std::size_t k = 1; k < max_len; ++k) {
        h = phrase_hash_step(h, tokens[i + k].hash);
        const Lexicon::Phrase* p = lexicon.phrase(h);
        if (p == nullptr) break;
        if (p->complete) {
          v = p->valence;
          len = k + 1;
        }
        if (!p->prefix) break;
      }
    }
    if (len == 1 && (!w || w->valence == 0)) {
      if (const std::size_t r = repetition_at(tokens, frame, n, i)) {
        v = kRepetition;
        len = r;
      }
    }
    if (len == 1 && w) {
      v = w->valence;
      // An intensifier that modifies the next word ("super slow") adds no valence of its own.
      if (w->booster != 0 && i + 1 < n && !(tokens[i + 1].flags & kTokenClauseStart)) {
        const WordInfo* next = info[i + 1];
        if (next && (next->valence != 0 || next->phrase_start || next->booster != 0)) v = 0;
      }
    }
    if (persistence_at(tokens, frame, n, i, len, info)) v = std::min(v, kPersistence);
    if (v != 0) {
      // Intensifiers and negators look back within the clause, and not into an expression
      // already matched ("still not working so bad": the "not" belongs to the expression).
      float boost = 0;
      bool negated = false;
      for (std::size_t k = 1; k <= 3 && k <= i && i - k >= barrier; ++k) {
        if (tokens[i - k + 1].flags & kTokenClauseStart) break;
        const WordInfo* before = info[i - k];
        if (!before) continue;
        if (before->booster != 0) {
          float step = before->booster;
          if (tokens[i - k].flags & kTokenElongated)
            step += sign(step) * kElongationBoost;  // "sooo"
          boost += step * kBoosterDecay[k - 1];
        }
        if (before->negator) negated = true;
      }
      v += sign(v) * boost;
      if ((t.flags & kTokenCaps) && !shouting) v += sign(v) * kCapsBoost;
      if (t.flags & kTokenElongated) v += sign(v) * kElongationBoost;
      if (negated) v *= kNegation;
      if (contrast_at < n) v *= i < contrast_at ? kBeforeContrast : kAfterContrast;
      sum += v;
      (v > 0 ? positive : negative) += v;
      if (i < first_clause_end)
        (v > 0 ? opening_positive : opening_negative) += v;
      else if (v < 0)
        rest_negative += v;
      if (i >= last_clause_start)
        (v > 0 ? closing_positive : closing_negative) += v;
      else
        before_closing += v;
    }
    if (len > 1) barrier = i + len;
    i += len;
  }
  // Cheap, reliable sarcasm cues: an explicit marker turns every positive word negative; a
  // short positive interjection followed by something negative ("Great, another error.",
  // "Genial, otra vez...") is read as ironic.
  if (sarcasm_marker(tokens, n)) {
    sum = negative + kSarcasmFlip * positive;
  } else if (first_clause_end <= kInterjectionTokens && opening_positive > 0 &&
             opening_negative == 0 && rest_negative < 0) {
    sum -= 2 * opening_positive;
  } else if (last_clause_start > 0 && n - last_clause_start <= kInterjectionTokens &&
             closing_positive > 0 && closing_negative == 0 && before_closing < 0 &&
             !closing_thanks && contrast_at == n) {
    sum -= 2 * closing_positive;
  }
  // Shouting and repeated question marks are anger or impatience unless the words are kind.
  if (shouting && stats.letters >= 6) sum += sum > 0 ? kShoutingPositive : -kShouting;
  if (stats.questions >= 2 && sum <= 0) sum -= kImpatience;
  if (sum != 0) {
    float emphasis =
        static_cast<float>(std::min<std::uint32_t>(stats.exclamations, 4)) * kExclamation;
    if (stats.questions > 1)
      emphasis += static_cast<float>(std::min<std::uint32_t>(stats.questions, 3)) * kQuestion;
    sum += sign(sum) * emphasis;
  }
  float score = sum / std::sqrt(sum * sum + kNormalisation);
  return std::clamp(score, -1.0f, 1.0f);
}

float score_text(std::string_view text, const Lexicon& lexicon, std::string& chars,
                 std::vector<Token>& tokens) {
  chars.clear();
  tokens.clear();
  TextStats stats;
  tokenize(text, chars, tokens, stats);
  return sentiment_score(tokens.data(), tokens.size(), stats, lexicon);
}

}  // namespace audit
