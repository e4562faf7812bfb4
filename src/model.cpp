#include "model.hpp"

namespace audit {

std::string_view event_kind_name(EventKind k) {
  switch (k) {
    case EventKind::handoff:
      return "handoff";
    case EventKind::fallback:
      return "fallback";
    case EventKind::intent:
      return "intent";
    case EventKind::sentiment:
      return "sentiment";
    case EventKind::human_request:
      return "human_request";
    case EventKind::other:
      break;
  }
  return "other";
}

std::string_view role_name(Role r) {
  switch (r) {
    case Role::user:
      return "user";
    case Role::bot:
      return "bot";
    case Role::agent:
      return "agent";
    case Role::system:
      return "system";
  }
  return "?";
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "?";
}

std::string_view error_kind_name(ErrorKind k) {
  switch (k) {
    case ErrorKind::unreadable_input:
      return "unreadable_input";
    case ErrorKind::invalid_json:
      return "invalid_json";
    case ErrorKind::not_an_object:
      return "not_an_object";
    case ErrorKind::unknown_format:
      return "unknown_format";
    case ErrorKind::invalid_record:
      return "invalid_record";
    case ErrorKind::record_too_large:
      return "record_too_large";
    case ErrorKind::empty_conversation:
      return "empty_conversation";
  }
  return "?";
}

}  // namespace audit
