// The subcommands, each a short function over the library: `audit` and `rules`.
#pragma once

#include <string>

#include "cli.hpp"

namespace audit {

int run_audit(const Command& cmd);
int run_rules(const std::string& rule);

}  // namespace audit
