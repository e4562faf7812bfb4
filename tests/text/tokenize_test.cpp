// tokenize: folding, apostrophes, elongation, capitals, emoji and emoticons, clause and
// sentence starts, digits.
#include "text/tokenize.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace audit;

namespace {

using Words = std::vector<std::string>;

struct Tokens {
  explicit Tokens(std::string_view text) { tokenize(text, chars, list, stats); }
  std::string word(std::size_t i) const { return chars.substr(list[i].begin, list[i].length); }
  bool has(std::size_t i, std::uint16_t flag) const { return (list[i].flags & flag) != 0; }
  Words words() const {
    Words w;
    for (std::size_t i = 0; i < list.size(); ++i)
      w.push_back(word(i));
    return w;
  }
  std::string chars;
  std::vector<Token> list;
  TextStats stats;
};

}  // namespace

TEST_CASE("tokenize: case and accents are folded", "[tokenize]") {
  CHECK(tokenize_words("TRÈS Ärgerlich") == Words{"tres", "argerlich"});
  CHECK(tokenize_words("Ça marche, señor? Œuvre") == Words{"ca", "marche", "senor", "oeuvre"});
  CHECK(tokenize_words("ÉTÉ été") == Words{"ete", "ete"});
}

TEST_CASE("tokenize: sharp s folds to ss", "[tokenize]") {
  CHECK(tokenize_words("Straße") == Words{"strasse"});
  CHECK(tokenize_words("scheiße") == tokenize_words("scheisse"));
}

TEST_CASE("tokenize: Greek and Cyrillic capitals are folded", "[tokenize]") {
  CHECK(tokenize_words("ΓΕΙΑ") == tokenize_words("γεια"));
  CHECK(tokenize_words("ПРИВЕТ") == tokenize_words("привет"));
}

TEST_CASE("tokenize: apostrophes stay inside words", "[tokenize]") {
  CHECK(tokenize_words("don't") == Words{"don't"});
  CHECK(tokenize_words("don\xE2\x80\x99t") == Words{"don't"});  // ’
  CHECK(tokenize_words("I can't, it's 'quoted'") == Words{"i", "can't", "it's", "quoted"});
  CHECK(tokenize_words("c'est l'avion") == Words{"c'est", "l'avion"});
}

TEST_CASE("tokenize: letters repeated three times or more are squeezed to two", "[tokenize]") {
  Tokens t("sooooo gooood");
  CHECK(t.words() == Words{"soo", "good"});
  CHECK(t.has(0, kTokenElongated));
  CHECK(t.has(1, kTokenElongated));
  Tokens plain("so good");
  CHECK_FALSE(plain.has(0, kTokenElongated));
  CHECK_FALSE(plain.has(1, kTokenElongated));
}

TEST_CASE("tokenize: elongated tokens hash like their squeezed form", "[tokenize]") {
  Tokens t("sooooo");
  REQUIRE(t.list.size() == 1);
  CHECK(t.list[0].squeezed_hash == token_hash("so"));
  CHECK(t.list[0].hash == token_hash("soo"));
}

TEST_CASE("tokenize: words in capitals are flagged", "[tokenize]") {
  Tokens t("This is AWFUL, I said OK");
  REQUIRE(t.list.size() == 6);
  CHECK_FALSE(t.has(0, kTokenCaps));  // This
  CHECK(t.has(2, kTokenCaps));        // AWFUL
  CHECK_FALSE(t.has(3, kTokenCaps));  // I: one letter is not shouting
  CHECK(t.has(5, kTokenCaps));        // OK
  CHECK(t.stats.upper_letters == 9);
}

TEST_CASE("tokenize: emoji are tokens of their own", "[tokenize]") {
  Tokens t(
      "thanks\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD great \xE2\x9D\xA4\xEF\xB8\x8F");  // 👍🏽 ❤️
  REQUIRE(t.list.size() == 4);
  CHECK(t.word(0) == "thanks");
  CHECK(t.has(1, kTokenEmoji));
  CHECK(t.word(1) == "\xF0\x9F\x91\x8D");
  CHECK(t.word(2) == "great");
  CHECK(t.has(3, kTokenEmoji));
}

TEST_CASE("tokenize: standalone emoticons are tokens", "[tokenize]") {
  Tokens t("ok :) not great :( <3");
  CHECK(t.words() == Words{"ok", ":)", "not", "great", ":(", "<3"});
  CHECK(t.has(1, kTokenEmoticon));
  CHECK(t.has(4, kTokenEmoticon));
  CHECK(t.has(5, kTokenEmoticon));
  CHECK(tokenize_words(":-D!") == Words{":-D"});
}

TEST_CASE("tokenize: emoticon characters inside text are not emoticons", "[tokenize]") {
  Tokens url("see http://x.com/a");
  Tokens time("at 10:30:)");
  for (const Token& t : url.list)
    CHECK_FALSE((t.flags & kTokenEmoticon));
  for (const Token& t : time.list)
    CHECK_FALSE((t.flags & kTokenEmoticon));
  CHECK(url.words() == Words{"see", "http", "x", "com", "a"});
  CHECK(tokenize_words("note:pizza") == Words{"note", "pizza"});
}

TEST_CASE("tokenize: clause and sentence starts are flagged", "[tokenize]") {
  Tokens t("Hello. I waited, then left! ok");
  REQUIRE(t.list.size() == 6);
  CHECK(t.has(0, kTokenSentenceStart));      // the first token
  CHECK(t.has(1, kTokenSentenceStart));      // I
  CHECK_FALSE(t.has(2, kTokenClauseStart));  // waited
  CHECK(t.has(3, kTokenClauseStart));        // then
  CHECK_FALSE(t.has(3, kTokenSentenceStart));
  CHECK_FALSE(t.has(4, kTokenClauseStart));  // left
  CHECK(t.has(5, kTokenSentenceStart));      // ok
  CHECK(t.stats.exclamations == 1);
}

TEST_CASE("tokenize: a line break starts a sentence", "[tokenize]") {
  Tokens t("first line\nsecond");
  REQUIRE(t.list.size() == 3);
  CHECK(t.has(2, kTokenSentenceStart));
  CHECK_FALSE(t.has(1, kTokenSentenceStart));
}

TEST_CASE("tokenize: digits are kept and flagged", "[tokenize]") {
  Tokens t("order 4471902 and A123");
  CHECK(t.words() == Words{"order", "4471902", "and", "a123"});
  CHECK(t.has(1, kTokenDigit));
  CHECK_FALSE(t.has(1, kTokenAlpha));
  CHECK(t.has(3, kTokenDigit));
  CHECK(t.has(3, kTokenAlpha));
  CHECK(tokenize_words("order 4471902") != tokenize_words("order 4471903"));
}

TEST_CASE("tokenize: appends to existing buffers", "[tokenize]") {
  std::string chars;
  std::vector<Token> tokens;
  TextStats stats;
  tokenize("one two", chars, tokens, stats);
  tokenize("three", chars, tokens, stats);
  REQUIRE(tokens.size() == 3);
  CHECK(chars.substr(tokens[2].begin, tokens[2].length) == "three");
  CHECK((tokens[2].flags & kTokenSentenceStart) != 0);
}

TEST_CASE("tokenize: empty text and punctuation give no tokens", "[tokenize]") {
  CHECK(tokenize_words("").empty());
  CHECK(tokenize_words("?!... ,,, -- ()").empty());
}

TEST_CASE("tokenize: invalid UTF-8 is a separator, not a crash", "[tokenize]") {
  CHECK(tokenize_words("ab\xFF"
                       "cd\xE2\x82") == Words{"ab", "cd"});
}
