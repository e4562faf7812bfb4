#include "text/prepare.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "text/flat_table.hpp"
#include "text/sentiment.hpp"
#include "text/values.hpp"

namespace audit {

namespace {

// Function words left out of a turn's content words (English, Spanish, German, French).
constexpr std::string_view kStopwords[] = {
    "a",      "an",      "the",    "and",   "or",    "but",   "if",    "so",     "of",    "to",
    "in",     "on",      "at",     "for",   "with",  "from",  "by",    "about",  "as",    "into",
    "it",     "its",     "it's",   "is",    "are",   "was",   "were",  "be",     "been",  "am",
    "i",      "i'm",     "me",     "my",    "mine",  "you",   "your",  "you're", "we",    "our",
    "us",     "he",      "she",    "they",  "them",  "their", "this",  "that",   "these", "those",
    "there",  "here",    "do",     "does",  "did",   "have",  "has",   "had",    "can",   "could",
    "will",   "would",   "should", "may",   "might", "must",  "shall", "not",    "no",    "yes",
    "please", "pls",     "hi",     "hello", "hey",   "ok",    "okay",  "just",   "what",  "when",
    "where",  "how",     "why",    "which", "who",   "any",   "some",  "all",    "also",  "too",
    "very",   "really",  "now",    "then",  "than",  "up",    "out",   "get",    "got",   "still",
    "again",  "already", "want",   "need",  "like",  "know",  "tell",  "thanks", "thank", "oh",
    "well",   "el",      "la",     "los",   "las",   "un",    "una",   "y",      "o",     "de",
    "del",    "en",      "que",    "por",   "para",  "con",   "mi",    "me",     "es",    "lo",
    "se",     "der",     "die",    "das",   "und",   "ist",   "ich",   "mein",   "meine", "nicht",
    "ein",    "eine",    "zu",     "mit",   "auf",   "le",    "les",   "et",     "ou",    "je",
    "mon",    "ma",      "est",    "pas",   "du",    "au",    "pour",  "avec",   "une",   "des",
    "ne",     "il",      "vous"};

const FlatTable<bool>& stopwords() {
  static const FlatTable<bool> table = [] {
    FlatTable<bool> t;
    for (std::string_view w : kStopwords)
      t[token_hash(w)] = true;
    return t;
  }();
  return table;
}

// A light suffix-stripping stem, so "restarting", "restarted" and "restart" meet, and
// "replies" and "reply". English first; the plural -s also covers Spanish and French. Then the
// stem is cut to its first kStemPrefix bytes: truncation is a crude but language-blind stemmer
// ("factura"/"facturas", "ayudarte"/"ayudar", "Rechnung"/"Rechnungen", "remboursement"/
// "rembourser" meet). 6 rather than 5 or 7: on the rules dev set 5 and 6 found the same extra
// repeat and 7 none; 6 merges fewer unrelated words.
constexpr std::size_t kStemPrefix = 6;
std::uint64_t stem_hash(std::string_view w) {
  char buf[64];
  if (w.size() >= sizeof buf) return token_hash(w);
  std::size_t n = w.size();
  auto ends_n = [&](std::string_view suffix) {
    return n > suffix.size() + 2 && w.substr(n - suffix.size(), suffix.size()) == suffix;
  };
  if (ends_n("ies"))
    n -= 2;  // "replies" -> "repli"
  else if (ends_n("es") && !ends_n("ses"))
    n -= 2;
  else if (ends_n("s") && !ends_n("ss"))
    n -= 1;
  if (ends_n("ing"))
    n -= 3;  // "bookings" -> "booking" -> "book"
  else if (ends_n("ed"))
    n -= 2;
  std::memcpy(buf, w.data(), n);
  if (n > 3 && buf[n - 1] == 'y') buf[n - 1] = 'i';  // "reply" -> "repli"
  if (n > 4 && buf[n - 1] == 'e') --n;               // "change", "changed" -> "chang"
  if (n > kStemPrefix) n = kStemPrefix;
  return token_hash(std::string_view(buf, n));
}

// Appends the distinct hashes of `tokens` to `sets`, sorted: every token, or (with `content`)
// the stems of the content words only.
std::uint32_t append_set(const Token* tokens, std::size_t n, const std::string& chars, bool content,
                         std::vector<std::uint64_t>& sets) {
  const std::size_t start = sets.size();
  const FlatTable<bool>& stop = stopwords();
  for (std::size_t i = 0; i < n; ++i) {
    if (!content) {
      sets.push_back(tokens[i].hash);
      continue;
    }
    if (tokens[i].length < 2 || stop.find(tokens[i].hash)) continue;
    sets.push_back(stem_hash(std::string_view(chars).substr(tokens[i].begin, tokens[i].length)));
  }
  std::sort(sets.begin() + static_cast<std::ptrdiff_t>(start), sets.end());
  sets.erase(std::unique(sets.begin() + static_cast<std::ptrdiff_t>(start), sets.end()),
             sets.end());
  return static_cast<std::uint32_t>(sets.size() - start);
}

bool negated_before(const Token* tokens, std::size_t at, const Lexicon& lexicon) {
  for (std::size_t k = 1; k <= 3 && k <= at; ++k) {
    if (tokens[at - k + 1].flags & kTokenClauseStart) break;
    const WordInfo* w = lexicon.word(tokens[at - k].hash);
    if (w && w->negator) return true;
  }
  return false;
}

void analyse_cues(const Turn& turn, const Token* tokens, std::size_t n, const Lexicon& lexicon,
                  TurnFeatures& f) {
  bool request = false, refused_or_trap = false;
  cue_matcher().scan(tokens, n, [&](const PhraseMatch& m) {
    const Cue cue = static_cast<Cue>(m.tag);
    f.cues |= cue_bit(cue);
    if (cue == Cue::human_request && !negated_before(tokens, m.first, lexicon)) request = true;
    if (cue == Cue::handoff && !negated_before(tokens, m.first, lexicon) && turn.role == Role::bot)
      f.handoff = true;
    if (cue == Cue::not_human_request || cue == Cue::handoff_refused) refused_or_trap = true;
  });
  if (turn.role == Role::user) {
    // "agent", "HUMAN!!!", "representative please": a bare word that is the whole message.
    if (!request && !refused_or_trap && n >= 1 && n <= 3) {
      for (std::size_t i = 0; i < n; ++i) {
        if (is_bare_human_word(tokens[i].hash)) request = true;
      }
    }
    f.human_request = request;
  }
  if (turn.role == Role::bot && (f.cues & cue_bit(Cue::fallback))) f.fallback = true;
}

// The analysis of one turn's text, appended to `out`'s buffers; `f`'s offsets point into them.
void analyse_text(const Turn& turn, const Lexicon& lexicon, Prepared& out, TurnFeatures& f) {
  TextStats stats;
  f.first_token = static_cast<std::uint32_t>(out.tokens.size());
  tokenize(turn.text, out.chars, out.tokens, stats);
  f.token_count = static_cast<std::uint32_t>(out.tokens.size()) - f.first_token;
  const Token* tokens = out.tokens.data() + f.first_token;
  f.first_word = static_cast<std::uint32_t>(out.sets.size());
  f.word_count = append_set(tokens, f.token_count, out.chars, false, out.sets);
  f.first_content = static_cast<std::uint32_t>(out.sets.size());
  f.content_count = append_set(tokens, f.token_count, out.chars, true, out.sets);
  f.sentiment = sentiment_score(tokens, f.token_count, stats, lexicon);
  f.question = stats.questions > 0;
  f.values = find_values(turn.text);
  analyse_cues(turn, tokens, f.token_count, lexicon, f);
  f.intent = find_intents(tokens, f.token_count, out.chars);
}

// Appends a cached analysis to `out`'s buffers, as analyse_text would have.
void copy_cached(const TurnCache::Entry& e, Prepared& out, TurnFeatures& f) {
  f = e.features;
  const auto chars_at = static_cast<std::uint32_t>(out.chars.size());
  out.chars.append(e.chars);
  f.first_token = static_cast<std::uint32_t>(out.tokens.size());
  for (Token t : e.tokens) {
    t.begin += chars_at;
    out.tokens.push_back(t);
  }
  f.first_word = static_cast<std::uint32_t>(out.sets.size());
  f.first_content = f.first_word + f.word_count;
  out.sets.insert(out.sets.end(), e.sets.begin(), e.sets.end());
}

// Keeps the analysis just appended for `f` in `e`; its characters start at `chars_at`.
void fill_cache(const Prepared& out, std::size_t chars_at, const TurnFeatures& f,
                TurnCache::Entry& e) {
  e.features = f;
  const Token* tokens = out.tokens.data() + f.first_token;
  e.chars.assign(out.chars, chars_at);
  e.tokens.assign(tokens, tokens + f.token_count);
  for (Token& t : e.tokens)
    t.begin -= static_cast<std::uint32_t>(chars_at);
  e.sets.assign(out.sets.begin() + f.first_word,
                out.sets.begin() + f.first_content + f.content_count);
}

std::uint64_t text_key(std::string_view text) {
  return token_hash(text);
}

}  // namespace

const TurnCache::Entry* TurnCache::find(std::uint64_t hash, Role role,
                                        std::string_view text) const {
  if (slots_.empty()) return nullptr;
  const Entry& e = slots_[hash & (kSlots - 1)];
  if (!e.used || e.hash != hash || e.role != role || e.text != text) return nullptr;
  return &e;
}

TurnCache::Entry& TurnCache::replace(std::uint64_t hash, Role role, std::string_view text) {
  if (slots_.empty()) slots_.resize(kSlots);
  Entry& e = slots_[hash & (kSlots - 1)];
  e.used = true;
  e.hash = hash;
  e.role = role;
  e.text.assign(text);
  return e;
}

void prepare(const Conversation& c, const Lexicon& lexicon, Prepared& out) {
  out.chars.clear();
  out.tokens.clear();
  out.sets.clear();
  out.turns.assign(c.turns.size(), TurnFeatures{});
  for (std::size_t ti = 0; ti < c.turns.size(); ++ti) {
    const Turn& turn = c.turns[ti];
    TurnFeatures& f = out.turns[ti];
    if (turn.text.size() <= TurnCache::kMaxText) {
      const std::uint64_t key = text_key(turn.text);
      if (const TurnCache::Entry* hit = out.cache.find(key, turn.role, turn.text)) {
        copy_cached(*hit, out, f);
      } else {
        const std::size_t chars_at = out.chars.size();
        analyse_text(turn, lexicon, out, f);
        fill_cache(out, chars_at, f, out.cache.replace(key, turn.role, turn.text));
      }
    } else {
      analyse_text(turn, lexicon, out, f);
    }
    for (std::uint32_t e = turn.first_event; e < turn.first_event + turn.event_count; ++e) {
      if (c.events[e].kind == EventKind::handoff) f.handoff = true;
      if (c.events[e].kind == EventKind::fallback) f.fallback = true;
      if (c.events[e].kind == EventKind::human_request) f.human_request = true;
    }
    if (turn.role == Role::agent) f.handoff = true;
  }
}

double jaccard(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b) {
  if (a.empty() && b.empty()) return 0;
  const std::size_t common = overlap(a, b);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

SetSimilarity set_similarity(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b) {
  SetSimilarity s;
  if (a.empty() || b.empty()) return s;
  const std::size_t common = overlap(a, b);
  s.jaccard = static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
  s.containment = static_cast<double>(common) / static_cast<double>(std::min(a.size(), b.size()));
  return s;
}

double overlap_coefficient(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b) {
  if (a.empty() || b.empty()) return 0;
  return static_cast<double>(overlap(a, b)) / static_cast<double>(std::min(a.size(), b.size()));
}

std::size_t overlap(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b) {
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return common;
}

}  // namespace audit
