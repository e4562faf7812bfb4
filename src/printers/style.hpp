// Terminal colours for the text printers (text.cpp, show.cpp): empty strings when off.
#pragma once

#include <string_view>

#include "model.hpp"

namespace audit {

struct TerminalStyle {
  bool on = false;
  std::string_view bold() const { return on ? "\x1b[1m" : ""; }
  std::string_view red() const { return on ? "\x1b[31m" : ""; }
  std::string_view yellow() const { return on ? "\x1b[33m" : ""; }
  std::string_view dim() const { return on ? "\x1b[2m" : ""; }
  std::string_view reset() const { return on ? "\x1b[0m" : ""; }
  std::string_view severity(Severity s) const {
    return s == Severity::error ? red() : s == Severity::warning ? yellow() : dim();
  }
};

}  // namespace audit
