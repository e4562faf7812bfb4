// RowGrouper: rows with a key become whole conversations. Grouping within the window, closing
// after `window` rows without the key, flush order, window 0, boundaries (Rasa session starts),
// resumed parts, splits at max_bytes, rows without a key and rows that were too large.
#include "input/grouping.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace audit;

namespace {

constexpr std::size_t kNoLimit = std::size_t{1} << 30;

// One record of the grouper's output, with its rows copied out of the batch.
struct Out {
  std::vector<std::string> rows;
  std::vector<std::uint64_t> lines;
  std::uint64_t line = 0;
  std::uint32_t part = 0;
  bool resumed = false;
  bool too_large = false;
};

// A grouper and the batch it writes to; rows are "key:text" so the output shows where each went.
struct Grouping {
  explicit Grouping(std::size_t window, std::size_t max_bytes = kNoLimit) : g(window, max_bytes) {}

  // Adds the row "key:text" on the next line.
  void add(std::string_view key, std::string_view text, bool boundary = false) {
    const std::string row = fmt::format("{}:{}", key, text);
    g.add(key, boundary, row, ++line, batch);
  }
  void alone(std::string_view row) { g.add_alone(row, ++line, batch); }
  void too_large() { g.add_too_large(++line, batch); }
  void flush() { g.flush(batch); }

  // Every record emitted so far.
  std::vector<Out> out() const {
    std::vector<Out> v;
    for (const RecordSlice& r : batch.records) {
      Out o;
      o.line = r.line;
      o.part = r.part;
      o.resumed = r.resumed;
      o.too_large = r.too_large;
      for (std::uint32_t i = r.first_row; i < r.first_row + r.row_count; ++i) {
        const RowSlice& row = batch.rows[i];
        o.rows.push_back(batch.bytes.substr(row.offset, row.length));
        o.lines.push_back(row.line);
      }
      v.push_back(std::move(o));
    }
    return v;
  }

  // The rows of each emitted record, joined with spaces: {"a:1 a:2", "b:1"}.
  std::vector<std::string> shape() const {
    std::vector<std::string> v;
    for (const Out& o : out()) {
      std::string s;
      for (const std::string& r : o.rows)
        s += (s.empty() ? "" : " ") + r;
      v.push_back(o.too_large ? "<too large>" : s);
    }
    return v;
  }

  RowGrouper g;
  Batch batch;
  std::uint64_t line = 0;
};

using Shape = std::vector<std::string>;

}  // namespace

TEST_CASE("grouping: interleaved rows within the window make one record per key", "[grouping]") {
  Grouping g(3);
  g.add("a", "1");
  g.add("b", "1");
  g.add("a", "2");
  g.add("b", "2");
  g.add("a", "3");
  CHECK(g.batch.records.empty());
  CHECK(g.g.open_conversations() == 2);
  g.flush();
  CHECK(g.shape() == Shape{"a:1 a:2 a:3", "b:1 b:2"});
  std::vector<Out> out = g.out();
  CHECK(out[0].lines == std::vector<std::uint64_t>{1, 3, 5});
  CHECK(out[0].line == 1);
  CHECK(out[1].lines == std::vector<std::uint64_t>{2, 4});
  CHECK(out[1].line == 2);
  CHECK(out[0].part == 0);
  CHECK_FALSE(out[0].resumed);
  CHECK(g.g.open_conversations() == 0);
}

TEST_CASE("grouping: a conversation closes after exactly `window` rows without it", "[grouping]") {
  Grouping g(2);
  g.add("a", "1");
  g.add("b", "1");  // one row without a: still open
  CHECK(g.batch.records.empty());
  g.add("b", "2");  // two rows without a: complete
  CHECK(g.shape() == Shape{"a:1"});
  CHECK(g.g.open_conversations() == 1);
  g.add("c", "1");
  CHECK(g.shape() == Shape{"a:1"});  // b was seen one row ago
  g.add("c", "2");
  CHECK(g.shape() == Shape{"a:1", "b:1 b:2"});
}

TEST_CASE("grouping: the grouped bytes hold each row followed by a newline", "[grouping]") {
  Grouping g(1);
  g.add("k1", "hello");
  g.add("k1", "world");
  g.add("k2", "x");
  REQUIRE(g.batch.records.size() == 1);
  const RecordSlice& r = g.batch.records[0];
  CHECK(g.batch.bytes.substr(r.offset, r.length) == "k1:hello\nk1:world\n");
  CHECK(r.row_count == 2);
  CHECK(r.first_row == 0);
  CHECK_FALSE(r.too_large);
}

TEST_CASE("grouping: flush emits open conversations in the order of their first row",
          "[grouping]") {
  Grouping g(100);
  g.add("c", "1");
  g.add("a", "1");
  g.add("b", "1");
  g.add("c", "2");  // c is now the most recently seen, a the least
  g.add("a", "2");
  g.flush();
  CHECK(g.shape() == Shape{"c:1 c:2", "a:1 a:2", "b:1"});
}

TEST_CASE("grouping: conversations closed by the window come out least recently seen first",
          "[grouping]") {
  Grouping g(3);
  g.add("a", "1");
  g.add("b", "1");
  g.add("a", "2");  // b is now the least recently seen
  g.add("x", "1");
  g.add("x", "2");  // b: 3 rows without it
  CHECK(g.shape() == Shape{"b:1"});
  g.add("x", "3");  // a: 3 rows without it
  CHECK(g.shape() == Shape{"b:1", "a:1 a:2"});
}

TEST_CASE("grouping: with window 0 nothing closes before the end of the file", "[grouping]") {
  Grouping g(0);
  g.add("a", "1");
  for (int i = 0; i < 1000; ++i)
    g.add("b", fmt::format("{}", i));
  g.add("a", "2");
  CHECK(g.batch.records.empty());
  CHECK(g.g.open_conversations() == 2);
  g.flush();
  REQUIRE(g.batch.records.size() == 2);
  CHECK(g.out()[0].rows == std::vector<std::string>{"a:1", "a:2"});
  CHECK(g.out()[0].lines == std::vector<std::uint64_t>{1, 1002});
  CHECK(g.out()[1].rows.size() == 1000);
  CHECK_FALSE(g.out()[0].resumed);
}

TEST_CASE("grouping: rows that come back after their group closed are a resumed part",
          "[grouping]") {
  Grouping g(2);
  g.add("a", "1");
  g.add("b", "1");
  g.add("c", "1");  // a closes
  g.add("a", "2");  // a again: part 2, resumed
  g.flush();
  CHECK(g.shape() == Shape{"a:1", "b:1", "c:1", "a:2"});
  std::vector<Out> out = g.out();
  CHECK(out[0].part == 0);
  CHECK_FALSE(out[0].resumed);
  CHECK(out[3].part == 1);
  CHECK(out[3].resumed);
  CHECK(out[3].line == 4);
  CHECK_FALSE(out[1].resumed);
  CHECK_FALSE(out[2].resumed);
}

TEST_CASE("grouping: a key that comes back twice gets parts 1 and 2", "[grouping]") {
  Grouping g(1);
  g.add("a", "1");
  g.add("x", "1");
  g.add("a", "2");
  g.add("x", "2");
  g.add("a", "3");
  g.flush();
  std::vector<Out> out = g.out();
  std::vector<std::uint32_t> a_parts;
  for (const Out& o : out)
    if (o.rows[0][0] == 'a') a_parts.push_back(o.part);
  CHECK(a_parts == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(g.shape() == Shape{"a:1", "x:1", "a:2", "x:2", "a:3"});
}

TEST_CASE("grouping: a boundary row starts the next part of an open conversation", "[grouping]") {
  Grouping g(100);
  g.add("s", "session_start", true);
  g.add("s", "session_started", true);  // a second boundary before any content: same part
  g.add("s", "hello");
  g.add("t", "other");
  g.add("s", "session_start", true);  // content before it: the first part is complete
  CHECK(g.shape() == Shape{"s:session_start s:session_started s:hello"});
  g.add("s", "again");
  g.flush();
  CHECK(g.shape() ==
        Shape{"s:session_start s:session_started s:hello", "t:other", "s:session_start s:again"});
  std::vector<Out> out = g.out();
  CHECK(out[0].part == 0);
  CHECK(out[2].part == 1);
  CHECK_FALSE(out[2].resumed);  // a new session is not a conversation coming back
  CHECK(out[2].line == 5);
}

TEST_CASE("grouping: a boundary after the window closed the key is a new part, not resumed",
          "[grouping]") {
  Grouping g(1);
  g.add("s", "hello");
  g.add("t", "x");  // s closes
  g.add("s", "session_start", true);
  g.add("s", "hi again");
  g.flush();
  std::vector<Out> out = g.out();
  REQUIRE(out.size() == 3);
  CHECK(out[2].rows == std::vector<std::string>{"s:session_start", "s:hi again"});
  CHECK(out[2].part == 1);
  CHECK_FALSE(out[2].resumed);
}

TEST_CASE("grouping: a conversation that would pass max_bytes is split and flagged", "[grouping]") {
  Grouping g(100, 12);
  g.add("a", "12345");  // "a:12345\n": 8 bytes held
  g.add("a", "1234");   // 8 + 6 = 14 > 12: a new part
  g.add("a", "1");      // 7 + 3 = 10: the same part
  g.flush();
  CHECK(g.shape() == Shape{"a:12345", "a:1234 a:1"});
  std::vector<Out> out = g.out();
  CHECK(out[1].part == 1);
  CHECK(out[1].resumed);
  CHECK(out[1].line == 2);
}

TEST_CASE("grouping: a group that reaches max_bytes exactly is not split", "[grouping]") {
  Grouping g(100, 9);
  g.add("a", "12");  // "a:12\n": 5 bytes held
  g.add("a", "34");  // 5 + 4 = 9: not over
  g.flush();
  CHECK(g.shape() == Shape{"a:12 a:34"});
}

TEST_CASE("grouping: a row without a key is a record of its own, emitted at once", "[grouping]") {
  Grouping g(100);
  g.add("a", "1");
  g.alone("not json");
  CHECK(g.shape() == Shape{"not json"});
  g.add("a", "2");
  g.flush();
  CHECK(g.shape() == Shape{"not json", "a:1 a:2"});
  std::vector<Out> out = g.out();
  CHECK(out[0].line == 2);
  CHECK(out[0].lines == std::vector<std::uint64_t>{2});
  CHECK(out[1].lines == std::vector<std::uint64_t>{1, 3});
}

TEST_CASE("grouping: rows without a key and too-large rows count towards the window",
          "[grouping]") {
  Grouping g(2);
  g.add("a", "1");
  g.alone("garbage");
  g.too_large();
  CHECK(g.shape() == Shape{"garbage", "<too large>"});
  g.add("b", "1");  // the next keyed row: a has not been seen for 3 rows, it is complete
  CHECK(g.shape() == Shape{"garbage", "<too large>", "a:1"});
  g.add("a", "2");
  g.flush();
  CHECK(g.shape() == Shape{"garbage", "<too large>", "a:1", "b:1", "a:2"});
  std::vector<Out> out = g.out();
  CHECK(out[1].too_large);
  CHECK(out[1].line == 3);
  CHECK(out[1].rows.empty());
  CHECK(out[4].resumed);
  CHECK(out[4].part == 1);
}

TEST_CASE("grouping: the key is copied; the caller's buffer may change", "[grouping]") {
  RowGrouper g(100, kNoLimit);
  Batch batch;
  std::string key = "conv-1";
  g.add(key, false, "row 1", 1, batch);
  key = "conv-2";
  g.add(key, false, "row 2", 2, batch);
  key = "conv-1";
  g.add(key, false, "row 3", 3, batch);
  CHECK(g.open_conversations() == 2);
  g.flush(batch);
  REQUIRE(batch.records.size() == 2);
  CHECK(batch.records[0].row_count == 2);
  CHECK(batch.records[1].row_count == 1);
}

TEST_CASE("grouping: the empty key is a key like any other", "[grouping]") {
  // A CSV without an id column gives every row the empty key: the file is one conversation.
  Grouping g(0);
  g.add("", "1");
  g.add("", "2");
  g.flush();
  REQUIRE(g.batch.records.size() == 1);
  CHECK(g.batch.records[0].row_count == 2);
}

TEST_CASE("grouping: records already in the batch keep their rows when more are added",
          "[grouping]") {
  // Closing a group appends to the batch: offsets of earlier records must stay right.
  Grouping g(1);
  auto key = [](int i) { return fmt::format("k{}", i); };
  auto text = [](int i) { return std::string(static_cast<std::size_t>(i % 7) + 1, 'x'); };
  for (int i = 0; i < 200; ++i)
    g.add(key(i), text(i));
  g.flush();
  std::vector<Out> out = g.out();
  REQUIRE(out.size() == 200);
  for (int i = 0; i < 200; ++i) {
    CAPTURE(i);
    CHECK(out[static_cast<std::size_t>(i)].rows ==
          std::vector<std::string>{fmt::format("{}:{}", key(i), text(i))});
  }
}

TEST_CASE("grouping: keys are remembered for the last 65536 completed conversations",
          "[grouping]") {
  // Bounded memory: a key that comes back after that many other conversations completed is a
  // new conversation again (part 0, no warning); one that comes back sooner is a resumed part.
  auto run = [](int others) {
    RowGrouper g(1, kNoLimit);
    Batch batch;
    std::uint64_t line = 0;
    g.add("a", false, "a:1", ++line, batch);
    for (int i = 0; i < others; ++i) {
      const std::string key = fmt::format("k{}", i);
      g.add(key, false, key, ++line, batch);
    }
    g.add("a", false, "a:2", ++line, batch);
    g.flush(batch);
    return batch.records.back();
  };
  // When "a" comes back, `others - 1` of the others have completed (the last is still open).
  const RecordSlice soon = run(65536);  // "a" and 65535 others completed: all remembered
  CHECK(soon.part == 1);
  CHECK(soon.resumed);
  const RecordSlice late = run(65537);  // "a" is the oldest of 65537: forgotten
  CHECK(late.part == 0);
  CHECK_FALSE(late.resumed);
}
