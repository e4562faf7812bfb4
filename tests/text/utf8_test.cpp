// UTF-8 helpers: repair, cutting at a code-point boundary, printable text for terminals.
#include "text/utf8.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace audit;

namespace {

const std::string kFFFD = "\xEF\xBF\xBD";

std::string repaired(std::string_view in) {
  std::string out;
  repair_utf8(in, out);
  return out;
}

std::string printable(std::string_view in) {
  std::string out;
  append_printable(in, out);
  return out;
}

bool is_valid(std::string_view s) {
  return repaired(s) == s;
}

}  // namespace

TEST_CASE("utf8: valid text is kept as it is", "[utf8]") {
  const std::string text =
      "plain caf\xC3\xA9 \xE2\x82\xAC \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF";
  CHECK(repaired(text) == text);
  CHECK(repaired("") == "");
}

TEST_CASE("utf8: repair appends to what is already there", "[utf8]") {
  std::string out = "x";
  repair_utf8("a\xFF", out);
  CHECK(out == "xa" + kFFFD);
}

TEST_CASE("utf8: stray bytes become U+FFFD", "[utf8]") {
  CHECK(repaired("a\xFF"
                 "b") == "a" + kFFFD + "b");
  CHECK(repaired("\x80") == kFFFD);
  CHECK(repaired("caf\xE9!") == "caf" + kFFFD + "!");  // Latin-1 é
}

TEST_CASE("utf8: overlong encodings are invalid", "[utf8]") {
  for (std::string_view bad : {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF"}) {
    CAPTURE(bad);
    const std::string out = repaired(bad);
    CHECK(out.find(kFFFD) != std::string::npos);
    CHECK(out.find('/') == std::string::npos);  // never decoded to '/'
    CHECK(is_valid(out));
  }
}

TEST_CASE("utf8: surrogates and code points above U+10FFFF are invalid", "[utf8]") {
  for (std::string_view bad :
       {"\xED\xA0\x80", "\xED\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80"}) {
    CAPTURE(bad);
    const std::string out = repaired(bad);
    CHECK(out.find(kFFFD) != std::string::npos);
    CHECK(is_valid(out));
  }
}

TEST_CASE("utf8: truncated sequences are invalid, what follows is kept", "[utf8]") {
  for (std::string_view bad : {"ab\xE2\x82", "ab\xF0\x9F\x98", "ab\xC3"}) {
    CAPTURE(bad);
    const std::string out = repaired(bad);
    CHECK(out.rfind("ab" + kFFFD, 0) == 0);
    CHECK(is_valid(out));
  }
  const std::string tail = repaired("\xE2\x82z\xC3\xA9");
  CHECK(tail.substr(tail.size() - 3) == "z\xC3\xA9");
}

TEST_CASE("utf8: decode_utf8 reads one code point and advances", "[utf8]") {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xFF";
  std::size_t i = 0;
  CHECK(decode_utf8(s, i) == 0x61);
  CHECK(decode_utf8(s, i) == 0xE9);
  CHECK(decode_utf8(s, i) == 0x20AC);
  CHECK(decode_utf8(s, i) == 0x1F600);
  CHECK(decode_utf8(s, i) == 0xFFFD);
  CHECK(i == s.size());
}

TEST_CASE("utf8: utf8_prefix never cuts a code point", "[utf8]") {
  CHECK(utf8_prefix("h\xC3\xA9llo", 2) == "h");
  CHECK(utf8_prefix("h\xC3\xA9llo", 3) == "h\xC3\xA9");
  CHECK(utf8_prefix("\xF0\x9F\x98\x80x", 3).empty());
  CHECK(utf8_prefix("abc", 0).empty());
  CHECK(utf8_prefix("abc", 10) == "abc");
}

TEST_CASE("utf8: every utf8_prefix of mixed text is valid", "[utf8]") {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z\xE6\x97\xA5";
  for (std::size_t n = 0; n <= s.size() + 1; ++n) {
    std::string_view p = utf8_prefix(s, n);
    CAPTURE(n);
    CHECK(p.size() <= n);
    CHECK(s.compare(0, p.size(), p) == 0);
    CHECK(is_valid(p));
    CHECK(p.size() + 3 >= std::min(n, s.size()));  // drops at most a partial code point
  }
}

TEST_CASE("utf8: append_printable removes ESC and other C0 controls", "[utf8]") {
  const std::string out = printable(
      "a\x1b[31mred\x1b[0m\x07\tb\r\x7F"
      "c");
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out.find('\x7F') == std::string::npos);
  CHECK(out.find('\r') == std::string::npos);
  CHECK(out == "a [31mred [0m  b  c");
}

TEST_CASE("utf8: append_printable removes C1 controls", "[utf8]") {
  const std::string out = printable(
      "x\xC2\x9B"
      "2J\xC2\x85y");  // CSI, NEL
  CHECK(out == "x 2J y");
  CHECK(printable("\xC2\xA0\xC3\xA9") == "\xC2\xA0\xC3\xA9");  // NBSP and é are kept
}

TEST_CASE("utf8: append_printable shows line breaks as \" / \"", "[utf8]") {
  CHECK(printable("line one\nline two") == "line one / line two");
  std::string out = "> ";
  append_printable("a\nb", out);
  CHECK(out == "> a / b");
}

TEST_CASE("utf8: encoding one code point, and decoding it back", "[utf8]") {
  for (std::uint32_t cp :
       {0x41u, 0xE9u, 0x7FFu, 0x800u, 0x20ACu, 0xFFFFu, 0x10000u, 0x1F600u, 0x10FFFFu}) {
    char buf[4];
    const std::size_t n = encode_utf8(cp, buf);
    std::size_t i = 0;
    INFO(cp);
    CHECK(decode_utf8(std::string_view(buf, n), i) == cp);
    CHECK(i == n);
  }
  char buf[4];
  CHECK(encode_utf8(0x20AC, buf) == 3);
  CHECK(std::string_view(buf, 3) == "\xE2\x82\xAC");
}
