// jsonl: one finding per line, streamed in input order as conversations are audited, for
// pipelines (`chataudit audit - -f jsonl | jq 'select(.rule=="missed-escalation")'`).
// Each line is the same object as an element of the json report's "findings" array:
//   {"conversation_id", "source": "file:line", "file", "line", "rule", "severity",
//    "turns": [indices], "message", "score"?}
// Nothing else is written to stdout; the summary goes to stderr only with --stats, and to the
// other formats with -o.
#include "printers/printer.hpp"
#include "text/json_escape.hpp"

namespace audit {

void append_finding_json(fmt::memory_buffer& out, const FlaggedConversation& c, const Finding& f,
                         const std::vector<std::string>& files) {
  auto it = std::back_inserter(out);
  const std::string& file = files[c.file_index];
  out.append(std::string_view("{\"conversation_id\":"));
  append_json_string(out, c.id);
  out.append(std::string_view(",\"source\":"));
  append_json_string(out, fmt::format("{}:{}", file, c.line));
  out.append(std::string_view(",\"file\":"));
  append_json_string(out, file);
  fmt::format_to(it, ",\"line\":{},\"rule\":\"{}\",\"severity\":\"{}\",\"turns\":[", c.line, f.rule,
                 severity_name(f.severity));
  for (std::size_t k = 0; k < f.turns.size(); ++k)
    fmt::format_to(it, "{}{}", k ? "," : "", f.turns[k]);
  out.append(std::string_view("],\"message\":"));
  append_json_string(out, f.message);
  if (!f.kind.empty()) fmt::format_to(it, ",\"kind\":\"{}\"", f.kind);
  if (f.has_score) {
    out.append(std::string_view(",\"score\":"));
    append_json_number(out, f.score);
  }
  out.push_back('}');
}

void print_jsonl_conversation(PrintContext& ctx, const FlaggedConversation& c,
                              fmt::memory_buffer& out) {
  for (const Finding& f : c.findings) {
    append_finding_json(out, c, f, ctx.files);
    out.push_back('\n');
    ++ctx.items;
  }
}

void print_jsonl_end(PrintContext&, const Report&, fmt::memory_buffer&) {}

}  // namespace audit
