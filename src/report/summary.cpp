#include <algorithm>

#include "report/report.hpp"

namespace audit {

std::uint64_t Summary::skipped_total() const {
  std::uint64_t n = 0;
  for (std::size_t k = 0; k < skipped.size(); ++k)
    if (k != static_cast<std::size_t>(ErrorKind::unreadable_input)) n += skipped[k];
  return n;
}

void Summary::merge(const Summary& o) {
  files += o.files;
  unreadable_files += o.unreadable_files;
  bytes += o.bytes;
  records += o.records;
  conversations += o.conversations;
  turns += o.turns;
  for (std::size_t k = 0; k < turns_by_role.size(); ++k)
    turns_by_role[k] += o.turns_by_role[k];
  for (std::size_t k = 0; k < skipped.size(); ++k)
    skipped[k] += o.skipped[k];
  repaired_utf8 += o.repaired_utf8;
  flagged += o.flagged;
  handed_off += o.handed_off;
  asked_for_human += o.asked_for_human;
  false_contained += o.false_contained;
  sentiment_conversations += o.sentiment_conversations;
  first_sentiment_sum += o.first_sentiment_sum;
  last_sentiment_sum += o.last_sentiment_sum;
  for (std::size_t k = 0; k < quality_histogram.size(); ++k)
    quality_histogram[k] += o.quality_histogram[k];
  quality_sum += o.quality_sum;
  if (rules.size() < o.rules.size()) rules.resize(o.rules.size());
  for (std::size_t r = 0; r < o.rules.size(); ++r) {
    rules[r].findings += o.rules[r].findings;
    rules[r].conversations += o.rules[r].conversations;
    for (std::size_t s = 0; s < 3; ++s)
      rules[r].by_severity[s] += o.rules[r].by_severity[s];
  }
}

int quality_score(const std::vector<Finding>& findings) {
  int q = 100;
  for (const Finding& f : findings) {
    switch (f.severity) {
      case Severity::error:
        q -= 25;
        break;
      case Severity::warning:
        q -= 10;
        break;
      case Severity::info:
        q -= 3;
        break;
    }
  }
  return std::max(q, 0);
}

bool worse_than(const FlaggedConversation& a, const FlaggedConversation& b) {
  if (a.quality != b.quality) return a.quality < b.quality;
  if (a.findings.size() != b.findings.size()) return a.findings.size() > b.findings.size();
  if (a.file_index != b.file_index) return a.file_index < b.file_index;
  return a.line < b.line;
}

bool WorstList::would_keep(const FlaggedConversation& c) const {
  return n_ > 0 && (items_.size() < n_ || worse_than(c, items_.back()));
}

void WorstList::offer(FlaggedConversation c) {
  if (!would_keep(c)) return;
  auto at = std::upper_bound(items_.begin(), items_.end(), c, worse_than);
  items_.insert(at, std::move(c));
  if (items_.size() > n_) items_.pop_back();
}

void WorstList::merge(const WorstList& other) {
  for (const FlaggedConversation& c : other.items_)
    offer(c);
}

}  // namespace audit
