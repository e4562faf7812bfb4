#include "text/sentiment.hpp"

#include <algorithm>
#include <cmath>

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
  // One lexicon lookup per token; the loops below read this.
  thread_local std::vector<const WordInfo*> info;
  info.resize(n);
  std::size_t contrast_at = n;
  for (std::size_t i = 0; i < n; ++i) {
    info[i] = lookup(tokens[i], lexicon);
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
  float sum = 0, positive = 0, negative = 0, opening_positive = 0, opening_negative = 0,
        rest_negative = 0;
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
    if (len == 1 && w) {
      v = w->valence;
      // An intensifier that modifies the next word ("super slow") adds no valence of its own.
      if (w->booster != 0 && i + 1 < n && !(tokens[i + 1].flags & kTokenClauseStart)) {
        const WordInfo* next = info[i + 1];
        if (next && (next->valence != 0 || next->phrase_start || next->booster != 0)) v = 0;
      }
    }
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
