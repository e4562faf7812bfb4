// The subcommands, each a short function over the library: audit, show, sentiment, rules.
#pragma once

#include <string>

#include "cli.hpp"

namespace audit {

int run_audit(const Command& cmd);
int run_show(const Command& cmd);
int run_sentiment(const Command& cmd);
int run_rules(const std::string& rule);

}  // namespace audit
