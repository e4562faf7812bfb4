// json: the whole report as one JSON object. The contract (docs/output.md):
//   {"schema_version": 1, "tool": {...}, "findings": [...], "worst": [...],
//    "errors": [...], "errors_total": N, "summary": {...}, "settings": {...}}
// "findings" comes first because it is streamed as conversations are audited (memory stays
// flat whatever the number of findings); the summary follows once everything is read.
// Keys are never renamed or removed within a schema version; new keys may be added.
#include "detectors/detector.hpp"
#include "printers/printer.hpp"
#include "text/json_escape.hpp"

namespace audit {

namespace {

double rate(std::uint64_t n, std::uint64_t of) {
  return of == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(of);
}

void key(fmt::memory_buffer& out, std::string_view k) {
  append_json_string(out, k);
  out.push_back(':');
}

void number(fmt::memory_buffer& out, std::string_view k, std::uint64_t v, bool comma = true) {
  key(out, k);
  fmt::format_to(std::back_inserter(out), "{}", v);
  if (comma) out.push_back(',');
}

void decimal(fmt::memory_buffer& out, std::string_view k, double v, bool comma = true) {
  key(out, k);
  append_json_number(out, v);
  if (comma) out.push_back(',');
}

void append_summary(fmt::memory_buffer& out, const Report& r) {
  const Summary& s = r.summary;
  out.append(std::string_view("{\"inputs\":{"));
  number(out, "files", s.files);
  number(out, "unreadable_files", s.unreadable_files);
  number(out, "bytes", s.bytes, false);
  out.append(std::string_view("},"));
  number(out, "records", s.records);
  number(out, "conversations", s.conversations);
  number(out, "turns", s.turns);
  out.append(std::string_view("\"turns_by_role\":{"));
  for (std::size_t k = 0; k < s.turns_by_role.size(); ++k)
    number(out, role_name(static_cast<Role>(k)), s.turns_by_role[k],
           k + 1 < s.turns_by_role.size());
  out.append(std::string_view("},\"skipped\":{"));
  number(out, "total", s.skipped_total());
  for (std::size_t k = 0; k < s.skipped.size(); ++k)
    number(out, error_kind_name(static_cast<ErrorKind>(k)), s.skipped[k], k + 1 < s.skipped.size());
  out.append(std::string_view("},"));
  number(out, "repaired_utf8", s.repaired_utf8);
  number(out, "flagged_conversations", s.flagged);
  decimal(out, "flagged_rate", rate(s.flagged, s.conversations));
  out.append(std::string_view("\"rules\":{"));
  bool first = true;
  for (const std::string& name : r.rules) {
    const std::size_t idx = detector_index(name);
    const RuleCounts& rc = idx < s.rules.size() ? s.rules[idx] : RuleCounts{};
    if (!first) out.push_back(',');
    first = false;
    key(out, name);
    out.push_back('{');
    number(out, "conversations", rc.conversations);
    decimal(out, "rate", rate(rc.conversations, s.conversations));
    number(out, "findings", rc.findings);
    number(out, "error", rc.by_severity[2]);
    number(out, "warning", rc.by_severity[1]);
    number(out, "info", rc.by_severity[0], false);
    out.push_back('}');
  }
  out.append(std::string_view("},\"escalation\":{"));
  number(out, "handed_off", s.handed_off);
  decimal(out, "handoff_rate", rate(s.handed_off, s.conversations));
  number(out, "asked_for_human", s.asked_for_human, false);
  out.append(std::string_view("},\"containment\":{"));
  const std::uint64_t contained = s.conversations - s.handed_off;
  number(out, "contained", contained);
  decimal(out, "containment_rate", rate(contained, s.conversations));
  number(out, "false_contained", s.false_contained);
  decimal(out, "false_containment_rate", rate(s.false_contained, s.conversations), false);
  out.append(std::string_view("},\"sentiment\":{"));
  number(out, "conversations", s.sentiment_conversations);
  decimal(out, "first_customer_turn_mean",
          s.sentiment_conversations
              ? s.first_sentiment_sum / static_cast<double>(s.sentiment_conversations)
              : 0);
  decimal(out, "last_customer_turn_mean",
          s.sentiment_conversations
              ? s.last_sentiment_sum / static_cast<double>(s.sentiment_conversations)
              : 0,
          false);
  out.append(std::string_view("},\"quality\":{"));
  decimal(out, "mean", s.conversations ? s.quality_sum / static_cast<double>(s.conversations) : 0);
  out.append(std::string_view("\"histogram\":["));
  for (std::size_t k = 0; k < s.quality_histogram.size(); ++k)
    fmt::format_to(std::back_inserter(out), "{}{}", k ? "," : "", s.quality_histogram[k]);
  out.append(std::string_view("]}}"));
}

}  // namespace

void print_json_begin(PrintContext&, fmt::memory_buffer& out) {
  fmt::format_to(std::back_inserter(out),
                 "{{\"schema_version\":{},\"tool\":{{\"name\":\"chataudit\",\"version\":\"{}\"}},"
                 "\"findings\":[",
                 kSchemaVersion, CHATAUDIT_VERSION);
}

void print_json_conversation(PrintContext& ctx, const FlaggedConversation& c,
                             fmt::memory_buffer& out) {
  for (const Finding& f : c.findings) {
    out.append(std::string_view(ctx.items ? ",\n" : "\n"));
    append_finding_json(out, c, f, ctx.files);
    ++ctx.items;
  }
}

void print_json_end(PrintContext& ctx, const Report& r, fmt::memory_buffer& out) {
  out.append(std::string_view("\n],\n\"worst\":["));
  for (std::size_t w = 0; w < r.worst.size(); ++w) {
    const FlaggedConversation& c = r.worst[w];
    out.append(std::string_view(w ? ",\n" : "\n"));
    out.append(std::string_view("{\"conversation_id\":"));
    append_json_string(out, c.id);
    out.append(std::string_view(",\"source\":"));
    append_json_string(out, fmt::format("{}:{}", ctx.files[c.file_index], c.line));
    fmt::format_to(std::back_inserter(out), ",\"quality\":{},\"turns\":{},\"findings\":[",
                   c.quality, c.turn_count);
    for (std::size_t k = 0; k < c.findings.size(); ++k) {
      if (k) out.push_back(',');
      append_finding_json(out, c, c.findings[k], ctx.files);
    }
    out.append(std::string_view("],\"evidence\":["));
    for (std::size_t k = 0; k < c.evidence.size(); ++k) {
      const QuotedTurn& q = c.evidence[k];
      fmt::format_to(std::back_inserter(out),
                     "{}{{\"index\":{},\"role\":\"{}\",\"sentiment\":", k ? "," : "", q.index,
                     role_name(q.role));
      append_json_number(out, q.sentiment);
      out.append(std::string_view(",\"text\":"));
      append_json_string(out, q.text);
      out.push_back('}');
    }
    out.append(std::string_view("]}"));
  }
  out.append(std::string_view("\n],\n\"errors\":["));
  for (std::size_t k = 0; k < r.errors.size(); ++k) {
    const InputError& e = r.errors[k];
    out.append(std::string_view(k ? ",\n" : "\n"));
    out.append(std::string_view("{\"source\":"));
    append_json_string(out, e.line ? fmt::format("{}:{}", ctx.files[e.file_index], e.line)
                                   : ctx.files[e.file_index]);
    out.append(std::string_view(",\"file\":"));
    append_json_string(out, ctx.files[e.file_index]);
    fmt::format_to(std::back_inserter(out),
                   ",\"line\":{},\"reason\":\"{}\",\"level\":\"{}\",\"message\":", e.line,
                   error_kind_name(e.kind), e.warning ? "warning" : "error");
    append_json_string(out, e.message);
    out.push_back('}');
  }
  fmt::format_to(std::back_inserter(out),
                 "\n],\n\"errors_total\":{},\n\"summary\":", r.errors_total);
  append_summary(out, r);
  out.append(std::string_view(",\n\"settings\":"));
  out.append(r.settings_json);
  out.append(std::string_view("\n}\n"));
}

}  // namespace audit
