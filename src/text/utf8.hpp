// UTF-8 helpers: repair (invalid sequences become U+FFFD), decoding and encoding one code point,
// cutting a string at a code-point boundary, and making text safe to print on a terminal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace audit {

// Appends `in` to `out` with every invalid UTF-8 sequence replaced by U+FFFD.
void repair_utf8(std::string_view in, std::string& out);

// Decodes the code point at `s[i]`, advancing `i`. Invalid bytes decode as U+FFFD (one byte).
std::uint32_t decode_utf8(std::string_view s, std::size_t& i);

// Writes the UTF-8 encoding of code point `cp` (at most U+10FFFF) to `out`; returns its length
// (1 to 4).
std::size_t encode_utf8(std::uint32_t cp, char out[4]);

// The longest prefix of `s` of at most `max_bytes` that ends on a code-point boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

// Appends `s` with control characters (including ESC, so no terminal escape sequence can pass)
// shown as a space, and line breaks as " / ".
void append_printable(std::string_view s, std::string& out);

}  // namespace audit
