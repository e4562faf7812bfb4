// `chataudit show`: one conversation as a readable transcript. Each turn with its index, role,
// sentiment score and what the analysis saw in it (fallback, handoff, request for a human),
// then under it the findings whose evidence includes that turn; the findings in full at the end.
// json: the same as one object (turns with their scores, findings as in the json report).
#include <algorithm>

#include "printers/printer.hpp"
#include "printers/style.hpp"
#include "text/json_escape.hpp"
#include "text/utf8.hpp"

namespace audit {

void print_show_text(const ShownConversation& c, const std::vector<std::string>& files, bool color,
                     fmt::memory_buffer& out) {
  const TerminalStyle st{color};
  auto it = std::back_inserter(out);
  std::string id, file;
  append_printable(c.id, id);
  append_printable(files[c.file_index], file);
  fmt::format_to(it, "{}conversation {}{}  {}:{}\n", st.bold(), id, st.reset(), file, c.line);
  for (const auto& [key, value] : c.metadata) {
    std::string k, v;
    append_printable(key, k);
    append_printable(value, v);
    fmt::format_to(it, "  {}: {}\n", k, v);
  }
  fmt::format_to(it, "  quality: {} ({} findings)\n\n", c.quality, c.findings.size());
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    const ShownTurn& t = c.turns[i];
    std::string text;
    append_printable(t.text, text);
    std::string marks;
    if (t.fallback) marks += " [fallback]";
    if (t.handoff) marks += " [handoff]";
    if (t.human_request) marks += " [asks for a human]";
    fmt::format_to(it, "{}#{:<3}{} {:<6} {:+.2f}  {}{}{}{}\n", st.dim(), i, st.reset(),
                   role_name(t.role), t.sentiment, text, st.dim(), marks, st.reset());
    for (const Finding& f : c.findings) {
      if (std::find(f.turns.begin(), f.turns.end(), i) == f.turns.end()) continue;
      fmt::format_to(it, "      {}^ {} ({}){}\n", st.severity(f.severity), f.rule,
                     severity_name(f.severity), st.reset());
    }
  }
  if (!c.findings.empty()) fmt::format_to(it, "\n{}findings{}\n", st.bold(), st.reset());
  for (const Finding& f : c.findings) {
    std::string msg;
    append_printable(f.message, msg);
    std::string turns;
    for (std::uint32_t t : f.turns)
      turns += fmt::format("{}{}", turns.empty() ? "#" : ", #", t);
    fmt::format_to(it, "  {:<18} {:<7} {}  {}\n", f.rule, severity_name(f.severity), turns, msg);
  }
}

void print_show_json(const ShownConversation& c, const std::vector<std::string>& files,
                     fmt::memory_buffer& out) {
  auto it = std::back_inserter(out);
  out.append(std::string_view("{\"conversation_id\":"));
  append_json_string(out, c.id);
  out.append(std::string_view(",\"source\":"));
  append_json_string(out, fmt::format("{}:{}", files[c.file_index], c.line));
  out.append(std::string_view(",\"metadata\":{"));
  for (std::size_t k = 0; k < c.metadata.size(); ++k) {
    if (k) out.push_back(',');
    append_json_string(out, c.metadata[k].first);
    out.push_back(':');
    append_json_string(out, c.metadata[k].second);
  }
  fmt::format_to(it, "}},\"quality\":{},\"turns\":[", c.quality);
  for (std::size_t i = 0; i < c.turns.size(); ++i) {
    const ShownTurn& t = c.turns[i];
    fmt::format_to(it, "{}\n{{\"index\":{},\"role\":\"{}\",\"sentiment\":", i ? "," : "", i,
                   role_name(t.role));
    append_json_number(out, t.sentiment);
    if (t.time_ms >= 0) fmt::format_to(it, ",\"time_ms\":{}", t.time_ms);
    fmt::format_to(it,
                   ",\"fallback\":{},\"handoff\":{},\"asks_for_human\":{},\"text\":", t.fallback,
                   t.handoff, t.human_request);
    append_json_string(out, t.text);
    out.push_back('}');
  }
  out.append(std::string_view("\n],\"findings\":["));
  FlaggedConversation fc;
  fc.id = c.id;
  fc.file_index = c.file_index;
  fc.line = c.line;
  for (std::size_t k = 0; k < c.findings.size(); ++k) {
    out.append(std::string_view(k ? ",\n" : "\n"));
    append_finding_json(out, fc, c.findings[k], files);
  }
  out.append(std::string_view("\n]}\n"));
}

}  // namespace audit
