#include "input/html.hpp"

#include <array>
#include <cstdint>

#include "text/utf8.hpp"

namespace audit {

namespace {

struct Element {
  std::string_view name;
  bool block;  // ends a line on screen
};

constexpr std::array<Element, 37> kElements = {{
    {"p", true},       {"br", true},      {"div", true},     {"li", true},
    {"ul", true},      {"ol", true},      {"tr", true},      {"table", true},
    {"h1", true},      {"h2", true},      {"h3", true},      {"h4", true},
    {"h5", true},      {"h6", true},      {"hr", true},      {"blockquote", true},
    {"pre", true},     {"section", true}, {"article", true}, {"td", false},
    {"th", false},     {"tbody", false},  {"thead", false},  {"span", false},
    {"a", false},      {"b", false},      {"i", false},      {"u", false},
    {"em", false},     {"strong", false}, {"img", false},    {"code", false},
    {"font", false},   {"small", false},  {"at", false},     {"s", false},
    {"strike", false},
}};

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

// If a tag of a known element starts at text[i] ('<'), its length and whether it is a block;
// otherwise 0.
std::size_t tag_at(std::string_view text, std::size_t i, bool& block) {
  std::size_t k = i + 1;
  if (k < text.size() && text[k] == '/') ++k;
  const std::size_t name_begin = k;
  while (k < text.size() &&
         ((text[k] >= 'a' && text[k] <= 'z') || (text[k] >= 'A' && text[k] <= 'Z') ||
          (text[k] >= '0' && text[k] <= '9' && k > name_begin)))
    ++k;
  const std::size_t name_len = k - name_begin;
  if (name_len == 0 || name_len > 10) return 0;
  // After the name: the end of the tag, a space before attributes, or "/>".
  if (k >= text.size() ||
      !(text[k] == '>' || text[k] == ' ' || text[k] == '/' || text[k] == '\t' || text[k] == '\n'))
    return 0;
  const Element* found = nullptr;
  for (const Element& e : kElements) {
    if (e.name.size() != name_len) continue;
    bool same = true;
    for (std::size_t n = 0; n < name_len && same; ++n)
      same = lower(text[name_begin + n]) == e.name[n];
    if (same) {
      found = &e;
      break;
    }
  }
  if (found == nullptr) return 0;
  // The tag ends at the next '>' outside quotes; a '<' first, or more than kMaxTag bytes, means
  // this was not a tag (and bounds the work on hostile text).
  constexpr std::size_t kMaxTag = 4096;
  char quote = 0;
  for (; k < text.size() && k - i < kMaxTag; ++k) {
    const char c = text[k];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      block = found->block;
      return k + 1 - i;
    } else if (c == '<') {
      return 0;
    }
  }
  return 0;
}

// If a character reference starts at text[i] ('&'), appends what it stands for and returns its
// length; otherwise 0.
std::size_t reference_at(std::string_view text, std::size_t i, TextArena& arena) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&amp;", "&"}, {"&lt;", "<"},   {"&gt;", ">"},  {"&quot;", "\""},
      {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
  const std::string_view rest = text.substr(i);
  for (const auto& [name, value] : kNamed) {
    if (rest.substr(0, name.size()) == name) {
      arena.append(value);
      return name.size();
    }
  }
  if (rest.size() < 4 || rest[1] != '#') return 0;
  const bool hex = rest[2] == 'x' || rest[2] == 'X';
  std::size_t k = hex ? 3 : 2;
  std::uint32_t cp = 0;
  const std::size_t digits_begin = k;
  for (; k < rest.size() && k - digits_begin < 7; ++k) {
    const char c = rest[k];
    std::uint32_t d;
    if (c >= '0' && c <= '9')
      d = static_cast<std::uint32_t>(c - '0');
    else if (hex && lower(c) >= 'a' && lower(c) <= 'f')
      d = static_cast<std::uint32_t>(lower(c) - 'a' + 10);
    else
      break;
    cp = cp * (hex ? 16 : 10) + d;
  }
  if (k == digits_begin || k >= rest.size() || rest[k] != ';') return 0;
  // Not a character a message can carry: left as written.
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp < 0x20) return 0;
  char utf8[4];
  arena.append(std::string_view(utf8, encode_utf8(cp, utf8)));
  return k + 1;
}

}  // namespace

bool looks_like_html(std::string_view text) {
  for (std::size_t i = text.find('<'); i != std::string_view::npos; i = text.find('<', i + 1)) {
    bool block = false;
    if (tag_at(text, i, block)) return true;
  }
  return false;
}

std::string_view html_to_text(std::string_view text, TextArena& arena) {
  arena.begin();
  bool line_ended = true;  // no line break at the start, nor two in a row
  std::size_t run = 0;     // start of the text not yet appended
  auto flush = [&](std::size_t end) {
    if (end > run) {
      arena.append(text.substr(run, end - run));
      line_ended = false;
    }
  };
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '<') {
      bool block = false;
      if (const std::size_t n = tag_at(text, i, block)) {
        flush(i);
        if (block && !line_ended) {
          arena.append("\n");
          line_ended = true;
        }
        i += n;
        run = i;
        continue;
      }
    } else if (c == '&') {
      flush(i);
      if (const std::size_t n = reference_at(text, i, arena)) {
        line_ended = false;
        i += n;
        run = i;
        continue;
      }
      run = i;
    }
    ++i;
  }
  flush(text.size());
  std::string_view out = arena.finish();
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.remove_suffix(1);
  return out;
}

}  // namespace audit
