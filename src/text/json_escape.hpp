// Writing JSON strings and numbers into fmt buffers, with no intermediate std::string.
#pragma once

#include <fmt/format.h>

#include <string_view>

namespace audit {

// Appends `s` as a JSON string literal, quotes included. `s` is valid UTF-8 (the readers
// validate or repair it); control characters are escaped.
void append_json_string(fmt::memory_buffer& out, std::string_view s);

// A rate or score with a fixed number of decimals, so output is byte-identical everywhere.
void append_json_number(fmt::memory_buffer& out, double v, int decimals = 4);

}  // namespace audit
