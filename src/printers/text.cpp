// text: the summary a person reads in a minute. Headline counts, the per-rule table, escalation,
// containment and sentiment, then the worst conversations with their evidence turns quoted.
// Colour (bold headings, red errors, yellow warnings) only when PrintContext::color is set:
// on a terminal, without NO_COLOR, or with --color always. Turn text is made printable (no
// control characters, so a transcript cannot send escape sequences to the terminal).
#include "detectors/detector.hpp"
#include "printers/printer.hpp"
#include "printers/style.hpp"
#include "text/utf8.hpp"

namespace audit {

namespace {

double percent(std::uint64_t n, std::uint64_t of) {
  return of == 0 ? 0.0 : 100.0 * static_cast<double>(n) / static_cast<double>(of);
}

std::string human_bytes(std::uint64_t b) {
  if (b < 1024) return fmt::format("{} B", b);
  if (b < 1024 * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(b) / 1024);
  if (b < 1024ull * 1024 * 1024) return fmt::format("{:.1f} MiB", static_cast<double>(b) / 1048576);
  return fmt::format("{:.2f} GiB", static_cast<double>(b) / 1073741824.0);
}

}  // namespace

void print_text_end(PrintContext& ctx, const Report& r, fmt::memory_buffer& out) {
  const TerminalStyle st{ctx.color};
  const Summary& s = r.summary;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "{}chataudit{}: {} conversations, {} turns, {} files ({})\n", st.bold(),
                 st.reset(), s.conversations, s.turns, s.files, human_bytes(s.bytes));
  if (s.skipped_total() || s.unreadable_files) {
    fmt::format_to(it, "{}Skipped{}: {} of {} records", st.red(), st.reset(), s.skipped_total(),
                   s.records);
    std::string_view sep = " (";
    for (std::size_t k = 0; k < s.skipped.size(); ++k) {
      if (!s.skipped[k] || k == static_cast<std::size_t>(ErrorKind::unreadable_input)) continue;
      fmt::format_to(it, "{}{} {}", sep, s.skipped[k], error_kind_name(static_cast<ErrorKind>(k)));
      sep = ", ";
    }
    if (sep == ", ") out.push_back(')');
    if (s.unreadable_files) fmt::format_to(it, "; {} unreadable files", s.unreadable_files);
    out.push_back('\n');
  }
  if (s.repaired_utf8)
    fmt::format_to(it, "Repaired invalid UTF-8 in {} records\n", s.repaired_utf8);
  fmt::format_to(it, "Flagged: {} conversations ({:.1f}%)\n\n", s.flagged,
                 percent(s.flagged, s.conversations));

  fmt::format_to(it, "{}{:<20} {:>13} {:>7} {:>9}{}\n", st.bold(), "rule", "conversations", "rate",
                 "findings", st.reset());
  for (const std::string& name : r.rules) {
    const std::size_t idx = detector_index(name);
    const RuleCounts& rc = s.rules[idx];
    fmt::format_to(it, "{:<20} {:>13} {:>6.1f}% {:>9}\n", name, rc.conversations,
                   percent(rc.conversations, s.conversations), rc.findings);
  }
  const std::uint64_t contained = s.conversations - s.handed_off;
  fmt::format_to(it, "\nEscalation: {} handed over to a human ({:.1f}%); {} asked for one\n",
                 s.handed_off, percent(s.handed_off, s.conversations), s.asked_for_human);
  fmt::format_to(it,
                 "Containment: {} stayed with the bot ({:.1f}%), {} of them falsely contained "
                 "({:.1f}% of all)\n",
                 contained, percent(contained, s.conversations), s.false_contained,
                 percent(s.false_contained, s.conversations));
  if (s.sentiment_conversations) {
    const double n = static_cast<double>(s.sentiment_conversations);
    fmt::format_to(it, "Customer sentiment: {:+.2f} at the start, {:+.2f} at the end (mean)\n",
                   s.first_sentiment_sum / n, s.last_sentiment_sum / n);
  }
  if (s.conversations) {
    fmt::format_to(it, "Quality: {:.1f} mean (100 = no finding)\n",
                   s.quality_sum / static_cast<double>(s.conversations));
  }

  if (!r.worst.empty()) fmt::format_to(it, "\n{}Worst conversations{}\n", st.bold(), st.reset());
  for (std::size_t w = 0; w < r.worst.size(); ++w) {
    const FlaggedConversation& c = r.worst[w];
    std::string id;
    append_printable(c.id, id);
    std::string file;
    append_printable(ctx.files[c.file_index], file);
    fmt::format_to(it, "\n{}{}. {}{}  {}:{}  quality {}\n", st.bold(), w + 1, id, st.reset(), file,
                   c.line, c.quality);
    for (const Finding& f : c.findings) {
      std::string msg;
      append_printable(f.message, msg);
      fmt::format_to(it, "   {}{:<7}{} {:<18} {}\n", st.severity(f.severity),
                     severity_name(f.severity), st.reset(), f.rule, msg);
    }
    for (const QuotedTurn& q : c.evidence) {
      std::string text;
      append_printable(q.text, text);
      fmt::format_to(it, "   {}#{:<3}{} {:<5} {:+.2f}  {}\n", st.dim(), q.index, st.reset(),
                     role_name(q.role), q.sentiment, text);
    }
  }
}

}  // namespace audit
