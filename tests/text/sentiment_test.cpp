// sentiment_score with the built-in lexicon: signs and orderings on support language, never
// exact values (the lexicon is tuned over time; these cases must survive tuning).
#include "text/sentiment.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "text/lexicon.hpp"
#include "text/tokenize.hpp"

using namespace audit;

namespace {

float score(std::string_view text) {
  std::string chars;
  std::vector<Token> tokens;
  TextStats stats;
  tokenize(text, chars, tokens, stats);
  return sentiment_score(tokens.data(), tokens.size(), stats, Lexicon::builtin());
}

}  // namespace

TEST_CASE("sentiment: clearly positive support phrases", "[sentiment]") {
  for (std::string_view s : {"thanks, that fixed it!", "great, thank you so much for your help",
                             "perfect, it's working now", "you've been very helpful"}) {
    CAPTURE(s, score(s));
    CHECK(score(s) > 0.3f);
  }
}

TEST_CASE("sentiment: clearly negative support phrases", "[sentiment]") {
  for (std::string_view s : {"this is useless", "still not working",
                             "this is the worst service ever", "I'm so frustrated with this"}) {
    CAPTURE(s, score(s));
    CHECK(score(s) < -0.3f);
  }
}

TEST_CASE("sentiment: a plain order number is neutral", "[sentiment]") {
  for (std::string_view s : {"my order number is 4471902", "where is my parcel",
                             "I have a problem with my order", "what are your opening hours"}) {
    CAPTURE(s, score(s));
    CHECK(std::abs(score(s)) < 0.3f);
  }
}

TEST_CASE("sentiment: a calm cancellation request is neutral", "[sentiment]") {
  const float s = score("I need to cancel my subscription");
  CAPTURE(s);
  CHECK(std::abs(s) < 0.3f);
}

TEST_CASE("sentiment: negation flips the sign", "[sentiment]") {
  CHECK(score("happy") > 0);
  CHECK(score("not happy") < 0);
  CHECK(score("I am not happy with this") < 0);
  CHECK(score("helpful") > 0);
  CHECK(score("that was not helpful") < 0);
}

TEST_CASE("sentiment: a negated negative is less negative", "[sentiment]") {
  CHECK(score("not bad") > score("bad"));
  CHECK(score("not bad") > 0);
}

TEST_CASE("sentiment: intensifiers increase the magnitude", "[sentiment]") {
  CHECK(score("very bad") < score("bad"));
  CHECK(score("really helpful") > score("helpful"));
  CHECK(score("extremely annoying") < score("annoying"));
}

TEST_CASE("sentiment: capitals increase the magnitude", "[sentiment]") {
  CHECK(score("this is USELESS") < score("this is useless"));
  CHECK(score("that was GREAT") > score("that was great"));
}

TEST_CASE("sentiment: exclamation marks increase the magnitude", "[sentiment]") {
  CHECK(score("this is useless!!!") < score("this is useless"));
  CHECK(score("great!!!") > score("great"));
}

TEST_CASE("sentiment: elongation increases the magnitude", "[sentiment]") {
  CHECK(score("sooo bad") < score("so bad"));
  CHECK(score("baaaad") < 0);
}

TEST_CASE("sentiment: what follows a contrast word weighs more", "[sentiment]") {
  CHECK(score("nice app but the bot is useless") < 0);
  CHECK(score("the bot is useless but the app is nice") > 0);
  CHECK(score("thanks, but it still doesn't work") < 0);
}

TEST_CASE("sentiment: a multi-word expression wins over its words", "[sentiment]") {
  CHECK(score("thanks for nothing") < 0);
  CHECK(score("no problem") > 0);
}

TEST_CASE("sentiment: scores stay within [-1, 1] for odd input", "[sentiment]") {
  std::string many_bad, many_good;
  for (int i = 0; i < 10000; ++i) {
    many_bad += "TERRIBLE!!! ";
    many_good += "very very great ";
  }
  for (const std::string& s : {std::string(), std::string("?!?!... ,,,"), many_bad, many_good,
                               std::string("\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1 :( :( >:(")}) {
    const float v = score(s);
    CHECK(v >= -1.0f);
    CHECK(v <= 1.0f);
  }
  CHECK(score("") == 0);
  CHECK(score("?!?!... ,,,") == 0);
  CHECK(score(many_bad) < -0.9f);
  CHECK(score(many_good) > 0.9f);
}

TEST_CASE("sentiment: counting the attempts is frustration", "[sentiment]") {
  for (std::string_view s :
       {"I've told you three times.", "Tried it 4 times.", "Ya os lo he dicho cinco veces.",
        "Ich habe das schon dreimal erklärt.", "Je vous l'ai expliqué trois fois."}) {
    CAPTURE(s, score(s));
    CHECK(score(s) <= -0.3f);
  }
  // A frequency, an instalment plan or a plain count is not.
  for (std::string_view s : {"Take two tablets three times a day.", "Je peux payer en 3 fois ?",
                             "Zweimal täglich einnehmen.", "I ordered three shirts."}) {
    CAPTURE(s, score(s));
    CHECK(std::abs(score(s)) < 0.3f);
  }
}

TEST_CASE("sentiment: a failure that persists is negative", "[sentiment]") {
  for (std::string_view s : {"It still hasn't arrived.", "Aún no he recibido nada.",
                             "Es geht immer noch nicht.", "Il n'est toujours pas arrivé."}) {
    CAPTURE(s, score(s));
    CHECK(score(s) <= -0.3f);
  }
  CHECK(score("I still love it.") > 0.3f);  // "still" without a negator is no failure
}

TEST_CASE("sentiment: nobody acting on it is negative", "[sentiment]") {
  for (std::string_view s : {"Nobody called me back.", "Personne ne m'a rappelé.",
                             "Keiner hat sich gemeldet.", "Nadie me contesta."}) {
    CAPTURE(s, score(s));
    CHECK(score(s) <= -0.3f);
  }
}

TEST_CASE("sentiment: fed up without an emotion word", "[sentiment]") {
  for (std::string_view s : {"This is going nowhere. Forget it.", "That tells me nothing.",
                             "I'm done with this.", "C'est exaspérant.", "Es imposible.",
                             "Das hat mir nicht geholfen.", "Me parece una falta de respeto."}) {
    CAPTURE(s, score(s));
    CHECK(score(s) <= -0.3f);
  }
  CHECK(score("Sie haben mir sehr geholfen, danke!") > 0.3f);
}

TEST_CASE("sentiment: a short positive word closing a complaint is ironic", "[sentiment]") {
  CHECK(score("It broke again. Great.") <= -0.3f);
  CHECK(score("Otra vez sin conexión, genial.") <= -0.3f);
  // Thanks closing a complaint is politeness; a contrast is a real change of mood.
  CHECK(score("It broke again, thanks!") > score("It broke again. Great."));
  CHECK(score("My order was late, but it arrived, great.") > 0.3f);
}
