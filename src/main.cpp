// chataudit: parse the command line, audit, write the reports, exit 0 / 1 / 2.
#include <fmt/format.h>

#include <csignal>
#include <new>

#include "cli.hpp"
#include "commands.hpp"
#include "model.hpp"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe is an EPIPE write error, handled in output.cpp
  audit::Command cmd;
  if (std::optional<int> done = audit::parse_cli(argc, argv, cmd)) return *done;
  try {
    switch (cmd.kind) {
      case audit::Command::Kind::rules:
        return audit::run_rules(cmd.rule);
      case audit::Command::Kind::show:
        return audit::run_show(cmd);
      case audit::Command::Kind::sentiment:
        return audit::run_sentiment(cmd);
      case audit::Command::Kind::audit:
        break;
    }
    return audit::run_audit(cmd);
  } catch (const audit::Fatal& e) {
    fmt::print(stderr, "chataudit: {}\n", e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "chataudit: out of memory\n");
    return 2;
  }
}
