#include "text/json_escape.hpp"

#include <cmath>

namespace audit {

void append_json_string(fmt::memory_buffer& out, std::string_view s) {
  out.push_back('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
    out.append(s.data() + run, s.data() + i);
    run = i + 1;
    switch (c) {
      case '"':
        out.append(std::string_view("\\\""));
        break;
      case '\\':
        out.append(std::string_view("\\\\"));
        break;
      case '\n':
        out.append(std::string_view("\\n"));
        break;
      case '\r':
        out.append(std::string_view("\\r"));
        break;
      case '\t':
        out.append(std::string_view("\\t"));
        break;
      default:
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        break;
    }
  }
  out.append(s.data() + run, s.data() + s.size());
  out.push_back('"');
}

void append_json_number(fmt::memory_buffer& out, double v, int decimals) {
  if (!std::isfinite(v)) v = 0;
  if (v == 0) v = 0;  // no "-0.0000"
  fmt::format_to(std::back_inserter(out), "{:.{}f}", v, decimals);
}

}  // namespace audit
