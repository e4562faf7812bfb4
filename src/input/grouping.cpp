#include "input/grouping.hpp"

#include <algorithm>

namespace audit {

namespace {
constexpr std::size_t kRememberedKeys = 1 << 16;
}

RowGrouper::RowGrouper(std::size_t window, std::size_t max_bytes)
    : window_(window), max_bytes_(max_bytes) {}

RowGrouper::Group& RowGrouper::open_group(std::string_view key, std::uint32_t part, bool resumed) {
  auto g = std::make_unique<Group>();
  g->key.assign(key);
  g->first_seen = seen_;
  g->part = part;
  g->resumed = resumed;
  Group* raw = g.get();
  lru_.push_back(raw);
  raw->lru = std::prev(lru_.end());
  open_.emplace(raw->key, std::move(g));
  return *raw;
}

void RowGrouper::add(std::string_view key, bool boundary, std::string_view row, std::uint64_t line,
                     Batch& out) {
  ++seen_;
  auto it = open_.find(key);
  Group* g = it == open_.end() ? nullptr : it->second.get();
  const bool too_big = g != nullptr && g->bytes.size() + row.size() > max_bytes_;
  if (g != nullptr && ((boundary && g->content) || too_big)) {
    const std::uint32_t part = g->part + 1;
    close(*g, out);
    g = &open_group(key, part, too_big);  // a split for size is said like a resumed one
  } else if (g == nullptr) {
    std::uint32_t part = 0;
    bool resumed = false;
    if (auto c = closed_parts_.find(key); c != closed_parts_.end()) {
      part = c->second;
      resumed = !boundary;
    }
    g = &open_group(key, part, resumed);
  }
  if (!boundary) g->content = true;
  g->rows.push_back({g->bytes.size(), row.size(), line});
  g->bytes.append(row);
  g->bytes.push_back('\n');
  g->last_seen = seen_;
  lru_.splice(lru_.end(), lru_, g->lru);
  if (window_ == 0) return;
  while (!lru_.empty() && lru_.front()->last_seen + window_ <= seen_)
    close(*lru_.front(), out);
}

void RowGrouper::add_alone(std::string_view row, std::uint64_t line, Batch& out) {
  ++seen_;
  RecordSlice r;
  r.offset = out.bytes.size();
  r.length = row.size();
  r.line = line;
  r.first_row = static_cast<std::uint32_t>(out.rows.size());
  r.row_count = 1;
  out.rows.push_back({out.bytes.size(), row.size(), line});
  out.bytes.append(row);
  out.bytes.push_back('\n');
  out.records.push_back(r);
}

void RowGrouper::add_too_large(std::uint64_t line, Batch& out) {
  ++seen_;
  out.records.push_back({0, 0, line, true});
}

void RowGrouper::close(Group& g, Batch& out) {
  RecordSlice r;
  r.offset = out.bytes.size();
  r.length = g.bytes.size();
  r.line = g.rows.front().line;
  r.first_row = static_cast<std::uint32_t>(out.rows.size());
  r.row_count = static_cast<std::uint32_t>(g.rows.size());
  r.part = g.part;
  r.resumed = g.resumed;
  for (const RowSlice& row : g.rows)
    out.rows.push_back({r.offset + row.offset, row.length, row.line});
  out.bytes.append(g.bytes);
  out.records.push_back(r);
  remember_closed(g.key, g.part + 1);
  lru_.erase(g.lru);
  open_.erase(open_.find(std::string_view(g.key)));  // destroys g
}

void RowGrouper::remember_closed(const std::string& key, std::uint32_t parts) {
  auto [it, inserted] = closed_parts_.try_emplace(key, parts);
  if (!inserted) {
    it->second = parts;
    return;
  }
  closed_order_.push_back(key);
  if (closed_order_.size() > kRememberedKeys) {
    closed_parts_.erase(closed_order_.front());
    closed_order_.pop_front();
  }
}

void RowGrouper::flush(Batch& out) {
  std::vector<Group*> groups(lru_.begin(), lru_.end());
  std::sort(groups.begin(), groups.end(),
            [](const Group* a, const Group* b) { return a->first_seen < b->first_seen; });
  for (Group* g : groups)
    close(*g, out);
}

}  // namespace audit
