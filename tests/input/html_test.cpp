// HTML bodies read as the text they show.
#include "input/html.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace audit {

namespace {
std::string text_of(std::string_view html) {
  TextArena arena;
  return std::string(html_to_text(html, arena));
}
}  // namespace

TEST_CASE("html: tags of known elements are recognised, angle brackets in prose are not",
          "[html]") {
  CHECK(looks_like_html("<p>Where is my order?</p>"));
  CHECK(looks_like_html("Hi<br/>there"));
  CHECK(looks_like_html("see <a href=\"https://x.example/a>b\">this</a>"));
  CHECK(looks_like_html("<DIV CLASS='x'>hello</DIV>"));
  CHECK_FALSE(looks_like_html("I <3 this"));
  CHECK_FALSE(looks_like_html("order <12345> please"));
  CHECK_FALSE(looks_like_html("a < b and c > d"));
  CHECK_FALSE(looks_like_html("<pizza> is not an element"));
  CHECK_FALSE(looks_like_html("unclosed <p never ends"));
  CHECK_FALSE(looks_like_html(""));
}

TEST_CASE("html: paragraphs and line breaks end lines, inline tags vanish", "[html]") {
  CHECK(text_of("<p>Where is my order?</p><p>It's <b>late</b>.</p>") ==
        "Where is my order?\nIt's late.");
  CHECK(text_of("Hi<br>there<br/><br />you") == "Hi\nthere\nyou");
  CHECK(text_of("<at>Contoso Bot</at> cancel my plan") == "Contoso Bot cancel my plan");
  CHECK(text_of("<ul><li>one</li><li>two</li></ul>") == "one\ntwo");
}

TEST_CASE("html: character references are decoded, unknown ones kept", "[html]") {
  CHECK(text_of("<p>Fish &amp; chips &lt;3 &quot;now&quot; &#39;ok&#39;</p>") ==
        "Fish & chips <3 \"now\" 'ok'");
  CHECK(text_of("<p>caf&#233; &#x1F600; a&nbsp;b</p>") == "café \xF0\x9F\x98\x80 a b");
  CHECK(text_of("<p>R&D &copy; &#0; &#xD800; &#;</p>") == "R&D &copy; &#0; &#xD800; &#;");
  CHECK(text_of("<p>ends with &</p>") == "ends with &");
}

TEST_CASE("html: what is not a known tag stays as written", "[html]") {
  CHECK(text_of("<p>I <3 you, x<y>z</p>") == "I <3 you, x<y>z");
  CHECK(text_of("<p>a <b c</p>") == "a <b c");
}

}  // namespace audit

namespace audit {

TEST_CASE("html: hostile text stays linear and bounded", "[html]") {
  std::string many;
  for (int i = 0; i < 20000; ++i)
    many += "<a \"<p '";
  CHECK(text_of(many).size() <= many.size());
  const std::string long_attribute = "<a href=\"" + std::string(10000, 'x') + "\">link</a>";
  CHECK_FALSE(looks_like_html(long_attribute.substr(0, long_attribute.size() - 4)));
  CHECK(text_of(long_attribute).find("link") != std::string::npos);
}

}  // namespace audit
