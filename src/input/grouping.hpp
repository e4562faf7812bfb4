// Row formats (Rasa event streams, Dialogflow CX BigQuery rows, CSV): one record per turn or
// event, and the rows that share a key (sender_id, conversation_name, conversation_id) make one
// conversation. The grouper runs on the reader thread, between framing and the workers: it holds
// the rows of the conversations still open and hands each conversation on as one grouped record
// once it is complete, so workers always see whole conversations and every output stays the same
// for any thread count.
//
// When is a conversation complete? Exports are usually sorted by conversation, but event streams
// interleave them. A conversation is complete when `window` rows have gone by without one of its
// rows, or at the end of the file, or when it reaches `max_bytes`. So memory holds the
// conversations seen in the last `window` rows (each at most `max_bytes`), whatever the file size.
// Rows of a key that come back after its group was closed start a new part of that conversation,
// flagged `resumed` (the worker warns). With window 0 every conversation stays open to the end of
// the file: any order works, and memory grows with the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "input/batch.hpp"

namespace audit {

class RowGrouper {
 public:
  RowGrouper(std::size_t window, std::size_t max_bytes);

  // One row with its conversation key. `boundary`: the row marks the start of a new conversation
  // for the key (Rasa's action_session_start / session_started): if the key's open group already
  // has other rows, it is complete and the row starts the next part. Completed conversations go
  // to `out`.
  void add(std::string_view key, bool boundary, std::string_view row, std::uint64_t line,
           Batch& out);
  // A row without a key (invalid JSON, no key field): a record of its own, for the worker to
  // read and report.
  void add_alone(std::string_view row, std::uint64_t line, Batch& out);
  // A row over --max-record-size (the framer kept none of it).
  void add_too_large(std::uint64_t line, Batch& out);
  // End of file: every open conversation, in the order of its first row.
  void flush(Batch& out);

  std::size_t open_conversations() const { return open_.size(); }

 private:
  struct Group {
    std::string key;
    std::string bytes;                            // the rows, each followed by '\n'
    std::vector<RowSlice> rows;                   // offsets into `bytes`
    std::uint64_t first_seen = 0, last_seen = 0;  // row counts
    std::uint32_t part = 0;
    bool resumed = false;
    bool content = false;  // has a row that is not a boundary
    std::list<Group*>::iterator lru;
  };
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct KeyEq {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
  };

  Group& open_group(std::string_view key, std::uint32_t part, bool resumed);
  void close(Group& g, Batch& out);
  void remember_closed(const std::string& key, std::uint32_t parts);

  std::size_t window_, max_bytes_;
  std::uint64_t seen_ = 0;
  std::unordered_map<std::string, std::unique_ptr<Group>, KeyHash, KeyEq> open_;
  std::list<Group*> lru_;  // least recently seen first
  // Keys closed lately and how many parts they had: a key seen again is a resumed part. Bounded:
  // a key that comes back after this many other conversations closed is not recognised.
  std::unordered_map<std::string, std::uint32_t, KeyHash, KeyEq> closed_parts_;
  std::deque<std::string> closed_order_;
};

}  // namespace audit
