// Framer: cutting a file into records (JSONL lines, JSON array elements, JSON values), with
// line numbers, the size limit, and records that span read blocks.
#include "input/framing.hpp"

#include <simdjson.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "input/temp_files.hpp"

using namespace audit;
using namespace audit::test;

namespace {

struct Rec {
  std::string bytes;  // empty for a too-large record
  std::uint64_t line = 0;
  bool too_large = false;
};

struct Framed {
  std::vector<Rec> records;
  Framing framing = Framing::unknown;
  std::size_t batches = 0;
  bool finished = false;  // next() returned false after the last batch
  bool padded = true;     // every batch had SIMDJSON_PADDING bytes after every record
  std::size_t max_batch_bytes = 0;
  std::string read_error;
};

// Writes `bytes` to a temp file named "*<suffix>" and frames it, copying every record's bytes
// out while its batch is alive.
Framed frame(std::string_view bytes, std::string_view suffix = ".jsonl",
             std::size_t max_record = std::size_t{1} << 20, std::size_t batch_bytes = 1 << 16) {
  TempFile file(bytes, suffix);
  ByteSource source;
  std::string error;
  REQUIRE(source.open(file.str(), error));
  Framer framer(source, file.str(), max_record, batch_bytes);
  Framed out;
  Batch batch;
  for (int guard = 0; guard < 10000; ++guard) {
    batch.clear();
    if (!framer.next(batch)) {
      out.finished = true;
      break;
    }
    ++out.batches;
    out.max_batch_bytes = std::max(out.max_batch_bytes, batch.bytes.size());
    for (const RecordSlice& r : batch.records) {
      if (r.offset + r.length + simdjson::SIMDJSON_PADDING > batch.bytes.size()) out.padded = false;
      out.records.push_back({r.too_large ? std::string() : batch.bytes.substr(r.offset, r.length),
                             r.line, r.too_large});
    }
    if (batch.last_of_file) out.read_error = batch.read_error;
  }
  out.framing = framer.framing();
  return out;
}

std::vector<std::uint64_t> lines_of(const Framed& f) {
  std::vector<std::uint64_t> lines;
  for (const Rec& r : f.records)
    lines.push_back(r.line);
  return lines;
}

std::vector<std::string> bytes_of(const Framed& f) {
  std::vector<std::string> out;
  for (const Rec& r : f.records)
    out.push_back(r.bytes);
  return out;
}

}  // namespace

// --- JSONL -------------------------------------------------------------------------------------

TEST_CASE("framer: JSONL lines become records with 1-based line numbers", "[framer]") {
  Framed f = frame("{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n");
  CHECK(f.framing == Framing::jsonl);
  CHECK(bytes_of(f) == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"});
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(f.finished);
  CHECK(f.padded);
  CHECK(f.read_error.empty());
}

TEST_CASE("framer: a JSONL file named .json is still framed line by line", "[framer]") {
  Framed f = frame("{\"a\":1}\n{\"b\":2}\n", ".json");
  CHECK(f.framing == Framing::jsonl);
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 2});
}

TEST_CASE("framer: blank and whitespace-only lines are skipped but counted", "[framer]") {
  Framed f = frame("{\"a\":1}\n\n   \t\n{\"b\":2}\n\n");
  CHECK(bytes_of(f) == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"});
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 4});
}

TEST_CASE("framer: CRLF line endings are not part of the record", "[framer]") {
  Framed f = frame("{\"a\":1}\r\n\r\n{\"b\":2}\r\n");
  CHECK(bytes_of(f) == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"});
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 3});
}

TEST_CASE("framer: a UTF-8 BOM at the start is dropped", "[framer]") {
  Framed f = frame("\xEF\xBB\xBF{\"a\":1}\n{\"b\":2}\n");
  CHECK(f.framing == Framing::jsonl);
  CHECK(bytes_of(f) == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"});
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 2});
}

TEST_CASE("framer: a UTF-8 BOM before a JSON array is dropped", "[framer]") {
  Framed f = frame("\xEF\xBB\xBF[{\"a\":1},{\"b\":2}]", ".json");
  CHECK(f.framing == Framing::json_values);
  CHECK(bytes_of(f) == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"});
}

TEST_CASE("framer: the last line needs no trailing newline", "[framer]") {
  Framed f = frame("{\"a\":1}\n{\"b\":2}");
  CHECK(bytes_of(f) == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"});
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 2});
  CHECK(f.finished);
}

TEST_CASE("framer: a line over max_record_bytes is one too-large record", "[framer]") {
  std::string text =
      "{\"a\":1}\n{\"long\":\"" + std::string(100, 'x') + "\"}\n{\"c\":3}\n{\"d\":4}\n";
  Framed f = frame(text, ".jsonl", 32);
  REQUIRE(f.records.size() == 4);
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 2, 3, 4});
  CHECK_FALSE(f.records[0].too_large);
  CHECK(f.records[1].too_large);
  CHECK(f.records[2].bytes == "{\"c\":3}");
  CHECK(f.records[3].bytes == "{\"d\":4}");
}

TEST_CASE("framer: a too-large line longer than a read block is skipped", "[framer]") {
  // 150 000 bytes with no newline: more than the framer reads at once, so it must skip the rest
  // of the line across reads (the size limit is small; the line only has to outlast a block).
  std::string text =
      "{\"a\":1}\n{\"x\":\"" + std::string(150000, 'x') + "\"}\n{\"c\":3}\n\n{\"d\":4}";
  Framed f = frame(text, ".jsonl", 1000, 64);
  REQUIRE(f.records.size() == 4);
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 2, 3, 5});
  CHECK(f.records[1].too_large);
  CHECK(f.records[2].bytes == "{\"c\":3}");
  CHECK(f.records[3].bytes == "{\"d\":4}");
}

TEST_CASE("framer: a JSONL line longer than a read block but under the limit is kept", "[framer]") {
  const std::string big = "{\"t\":\"" + std::string(150000, 'y') + "\"}";
  Framed f = frame("{\"a\":1}\n" + big + "\n{\"c\":3}\n", ".jsonl", 1 << 20, 64);
  REQUIRE(f.records.size() == 3);
  CHECK_FALSE(f.records[1].too_large);
  CHECK(f.records[1].bytes == big);
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(f.padded);
}

TEST_CASE("framer: JSONL records span batches with a small batch size", "[framer]") {
  std::string text;
  std::vector<std::string> expected;
  for (int i = 0; i < 2000; ++i) {
    expected.push_back("{\"n\":" + std::to_string(i) + ",\"pad\":\"" + std::string(40, 'p') +
                       "\"}");
    text += expected.back() + "\n";
  }
  Framed f = frame(text, ".jsonl", 1 << 20, 64);
  CHECK(f.batches > 1);
  CHECK(f.padded);
  REQUIRE(f.records.size() == expected.size());
  CHECK(bytes_of(f) == expected);
  CHECK(f.records.back().line == 2000);
}

TEST_CASE("framer: JSONL line numbers stay right across batches", "[framer]") {
  std::string text;
  for (int i = 0; i < 3000; ++i)
    text += (i % 3 == 1) ? "\n" : "{\"n\":" + std::to_string(i) + "}\n";
  Framed f = frame(text, ".jsonl", 1 << 20, 64);
  REQUIRE(f.records.size() == 2000);
  bool all_right = true;
  for (const Rec& r : f.records)
    if (r.bytes != "{\"n\":" + std::to_string(r.line - 1) + "}") all_right = false;
  CHECK(all_right);
}

// --- JSON arrays and values --------------------------------------------------------------------

TEST_CASE("framer: elements of a pretty-printed JSON array are records", "[framer]") {
  Framed f = frame(R"([
  {"id": "a", "turns": []},
  {
    "id": "b",
    "turns": []
  },
  {"id": "c"}
]
)",
                   ".json");
  CHECK(f.framing == Framing::json_values);
  CHECK(bytes_of(f) == std::vector<std::string>{R"({"id": "a", "turns": []})",
                                                "{\n    \"id\": \"b\",\n    \"turns\": []\n  }",
                                                R"({"id": "c"})"});
  CHECK(lines_of(f) == std::vector<std::uint64_t>{2, 3, 7});
}

TEST_CASE("framer: a pretty-printed single object is one record", "[framer]") {
  Framed f =
      frame("\n\n{\n  \"id\": \"x\",\n  \"turns\": [\n    {\"role\": \"user\"}\n  ]\n}\n", ".json");
  CHECK(f.framing == Framing::json_values);
  REQUIRE(f.records.size() == 1);
  CHECK(f.records[0].line == 3);
  CHECK(f.records[0].bytes ==
        "{\n  \"id\": \"x\",\n  \"turns\": [\n    {\"role\": \"user\"}\n  ]\n}");
}

TEST_CASE("framer: pretty-printed objects back to back are separate records", "[framer]") {
  Framed f = frame("{\n  \"id\": 1\n}\n{\n  \"id\": 2\n}\n", ".json");
  CHECK(f.framing == Framing::json_values);
  CHECK(bytes_of(f) == std::vector<std::string>{"{\n  \"id\": 1\n}", "{\n  \"id\": 2\n}"});
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 4});
}

TEST_CASE("framer: an array element over the size limit is one too-large record", "[framer]") {
  Framed f = frame("[\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"text\": \"" + std::string(60, 'x') +
                       "\"},\n  {\"id\": \"c\"}\n]\n",
                   ".json", 40);
  REQUIRE(f.records.size() == 3);
  CHECK(lines_of(f) == std::vector<std::uint64_t>{2, 3, 4});
  CHECK(f.records[0].bytes == R"({"id": "a"})");
  CHECK(f.records[1].too_large);
  CHECK(f.records[2].bytes == R"({"id": "c"})");
}

TEST_CASE("framer: an array element larger than a read block is skipped", "[framer]") {
  std::string text = "[{\"a\":1},\n{\"big\":\"" + std::string(150000, 'x') + "\"},\n{\"c\":3}]";
  Framed f = frame(text, ".json", 1000, 64);
  REQUIRE(f.records.size() == 3);
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(f.records[1].too_large);
  CHECK(f.records[2].bytes == "{\"c\":3}");
}

TEST_CASE("framer: an array element longer than a read block but under the limit is kept",
          "[framer]") {
  const std::string big = "{\"t\": \"" + std::string(150000, 'y') + "\"}";
  Framed f = frame("[\n  {\"a\": 1},\n  " + big + ",\n  {\"c\": 3}\n]", ".json", 1 << 20, 64);
  REQUIRE(f.records.size() == 3);
  CHECK_FALSE(f.records[1].too_large);
  CHECK(f.records[1].bytes == big);
  CHECK(lines_of(f) == std::vector<std::uint64_t>{2, 3, 4});
  CHECK(f.padded);
}

TEST_CASE("framer: two objects on one line are framed as JSON values", "[framer]") {
  Framed f = frame("{\"a\": 1} {\"b\": 2}\n{\"c\": 3}\n", ".json");
  CHECK(f.framing == Framing::json_values);
  CHECK(bytes_of(f) == std::vector<std::string>{"{\"a\": 1}", "{\"b\": 2}", "{\"c\": 3}"});
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 1, 2});
}

TEST_CASE("framer: a too-large record is not kept in memory whole", "[framer]") {
  // Memory stays bounded by the batch size plus the limit: a 150 000-byte record over a
  // 1000-byte limit must be dropped while it is read, whatever bytes it is made of.
  const std::string long_string = "{\"big\": \"" + std::string(150000, 'x') + "\"}";
  const std::string long_array =
      "{\"big\": [" + std::string(75000, '1') + std::string(75000, ',') + "1]}";
  for (const std::string& big : {long_string, long_array}) {
    CAPTURE(big.substr(0, 12));
    Framed array = frame("[{\"a\": 1},\n" + big + ",\n{\"c\": 3}]", ".json", 1000, 64);
    Framed lines = frame("{\"a\": 1}\n" + big + "\n{\"c\": 3}\n", ".jsonl", 1000, 64);
    REQUIRE(array.records.size() == 3);
    CHECK(array.records[1].too_large);
    CHECK(array.max_batch_bytes < 140000);
    CHECK(lines.max_batch_bytes < 140000);
  }
}

TEST_CASE("framer: a truncated array still emits the partial element", "[framer]") {
  Framed f = frame("[\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"turns\": [", ".json");
  REQUIRE(f.records.size() == 2);
  CHECK(f.records[0].bytes == R"({"id": "a"})");
  CHECK(f.records[1].bytes == R"({"id": "b", "turns": [)");
  CHECK(f.records[1].line == 3);
  CHECK(f.finished);
}

TEST_CASE("framer: brackets, escaped quotes and escapes inside strings do not cut", "[framer]") {
  Framed f = frame(
      R"([{"t": "a ] } [ {"}, {"t": "say \"hi]\" {"}, {"t": "back\\"}, {"t": "x\ny }"}])", ".json");
  CHECK(bytes_of(f) == std::vector<std::string>{R"({"t": "a ] } [ {"})",
                                                R"({"t": "say \"hi]\" {"})", R"({"t": "back\\"})",
                                                R"({"t": "x\ny }"})"});
}

TEST_CASE("framer: scalar elements of an array are records too", "[framer]") {
  Framed f = frame("[1, \"two\", true,\nnull]", ".json");
  CHECK(bytes_of(f) == std::vector<std::string>{"1", "\"two\"", "true", "null"});
  CHECK(lines_of(f) == std::vector<std::uint64_t>{1, 1, 1, 2});
}

TEST_CASE("framer: array elements span batches with a small batch size", "[framer]") {
  std::string text = "[\n";
  std::vector<std::string> expected;
  for (int i = 0; i < 1500; ++i) {
    expected.push_back("{\"n\": " + std::to_string(i) + ", \"s\": \"[{\\\"" + std::string(40, 'q') +
                       "\"}");
    text += "  " + expected.back() + (i + 1 < 1500 ? ",\n" : "\n");
  }
  text += "]\n";
  Framed f = frame(text, ".json", 1 << 20, 64);
  CHECK(f.batches > 1);
  CHECK(f.padded);
  REQUIRE(f.records.size() == expected.size());
  CHECK(bytes_of(f) == expected);
  CHECK(f.records[0].line == 2);
  CHECK(f.records.back().line == 1501);
}

// --- odd files ---------------------------------------------------------------------------------

TEST_CASE("framer: an empty file has no records", "[framer]") {
  Framed f = frame("");
  CHECK(f.records.empty());
  CHECK(f.finished);
}

TEST_CASE("framer: a whitespace-only file has no records", "[framer]") {
  Framed f = frame("\n \r\n\t\n", ".json");
  CHECK(f.records.empty());
  CHECK(f.finished);
}

TEST_CASE("framer: binary garbage without newlines is one record on line 1", "[framer]") {
  std::string garbage;
  for (int i = 0; i < 300; ++i)
    garbage.push_back(static_cast<char>(0x80 + (i * 7) % 0x7F));
  Framed f = frame("\x01\x02" + garbage, ".bin");
  CHECK(f.framing == Framing::jsonl);
  REQUIRE(f.records.size() == 1);
  CHECK(f.records[0].line == 1);
  CHECK(f.records[0].bytes == "\x01\x02" + garbage);
}

TEST_CASE("framer: binary garbage over the size limit is one too-large record", "[framer]") {
  std::string garbage(300, '\x9c');
  Framed f = frame(garbage, ".bin", 100);
  REQUIRE(f.records.size() == 1);
  CHECK(f.records[0].too_large);
  CHECK(f.records[0].line == 1);
  CHECK(f.finished);
}

// --- CSV ---------------------------------------------------------------------------------------

namespace {

// Like frame(), with the CSV choice of the command line.
Framed frame_csv(std::string_view bytes, std::string_view suffix = ".csv",
                 CsvChoice choice = CsvChoice::detect, std::size_t max_record = 1 << 20,
                 std::size_t batch_bytes = 1 << 16) {
  TempFile file(bytes, suffix);
  ByteSource source;
  std::string error;
  REQUIRE(source.open(file.str(), error));
  Framer framer(source, file.str(), max_record, batch_bytes, choice);
  Framed out;
  Batch batch;
  for (int guard = 0; guard < 10000; ++guard) {
    batch.clear();
    if (!framer.next(batch)) {
      out.finished = true;
      break;
    }
    ++out.batches;
    for (const RecordSlice& r : batch.records) {
      if (r.offset + r.length + simdjson::SIMDJSON_PADDING > batch.bytes.size()) out.padded = false;
      out.records.push_back({r.too_large ? std::string() : batch.bytes.substr(r.offset, r.length),
                             r.line, r.too_large});
    }
    if (batch.last_of_file) out.read_error = batch.read_error;
  }
  out.framing = framer.framing();
  return out;
}

using Rows = std::vector<std::string>;
using Lines = std::vector<std::uint64_t>;

}  // namespace

TEST_CASE("framer: CSV rows end at a newline outside quotes", "[framer][csv]") {
  Framed f = frame_csv(
      "conversation_id,role,text\n"
      "c1,user,\"two\nlines, and \"\"quotes\"\"\"\n"
      "c1,bot,plain\n");
  CHECK(f.framing == Framing::csv);
  CHECK(bytes_of(f) == Rows{"conversation_id,role,text",
                            "c1,user,\"two\nlines, and \"\"quotes\"\"\"", "c1,bot,plain"});
  CHECK(lines_of(f) == Lines{1, 2, 4});
  CHECK(f.finished);
  CHECK(f.padded);
}

TEST_CASE("framer: CSV with CRLF, blank lines and no newline at the end", "[framer][csv]") {
  Framed f = frame_csv("role,text\r\nuser,\"a\r\nb\"\r\n\r\n\nbot,last");
  CHECK(bytes_of(f) == Rows{"role,text", "user,\"a\r\nb\"", "bot,last"});
  CHECK(lines_of(f) == Lines{1, 2, 6});
}

TEST_CASE("framer: a blank line inside quotes belongs to the field", "[framer][csv]") {
  Framed f = frame_csv("role,text\nuser,\"para 1\n\npara 2\"\nbot,ok\n");
  CHECK(bytes_of(f) == Rows{"role,text", "user,\"para 1\n\npara 2\"", "bot,ok"});
  CHECK(lines_of(f) == Lines{1, 2, 5});
}

TEST_CASE("framer: a BOM before the CSV header is dropped", "[framer][csv]") {
  Framed f = frame_csv("\xEF\xBB\xBFrole,text\nuser,hi\n");
  CHECK(bytes_of(f) == Rows{"role,text", "user,hi"});
}

TEST_CASE("framer: an unclosed quote runs to the end of the file", "[framer][csv]") {
  Framed f = frame_csv("role,text\nuser,\"oops\nbot,hello\nuser,bye\n");
  REQUIRE(f.records.size() == 2);
  CHECK_THAT(f.records[1].bytes, Catch::StartsWith("user,\"oops\nbot,hello\nuser,bye"));
  CHECK(lines_of(f) == Lines{1, 2});
  CHECK(f.finished);
}

TEST_CASE("framer: a quote inside an unquoted CSV field is text, not the start of quotes",
          "[framer][csv]") {
  Framed f = frame_csv(
      "conversation_id,role,text\n"
      "c1,user,my 5\" phone is broken\n"
      "c1,bot,\"Sorry, \"\"5\"\"\" noted\"\n"
      "c1,user,it's a 6\" one\n"
      "c2,user,\"a\nb\"\n");
  CHECK(bytes_of(f) == Rows{"conversation_id,role,text", "c1,user,my 5\" phone is broken",
                            "c1,bot,\"Sorry, \"\"5\"\"\" noted\"", "c1,user,it's a 6\" one",
                            "c2,user,\"a\nb\""});
  CHECK(lines_of(f) == Lines{1, 2, 3, 4, 5});
}

TEST_CASE("framer: the CSV header names the delimiter that starts a field", "[framer][csv]") {
  // Semicolon-separated: a comma before a quote is text, the quote too.
  Framed f = frame_csv("role;text\nuser;yes,\"no\nbot;\"quoted;\nstill\"\n");
  CHECK(bytes_of(f) == Rows{"role;text", "user;yes,\"no", "bot;\"quoted;\nstill\""});
}

TEST_CASE("framer: CSV quote state and line numbers are kept across blocks", "[framer][csv]") {
  // About 400 KB of rows, many with quoted newlines and doubled quotes: rows straddle the
  // 64 KB blocks the framer reads, some with the block boundary inside the quotes.
  std::string text = "conversation_id,role,text\n";
  Rows expected = {"conversation_id,role,text"};
  Lines lines = {1};
  std::uint64_t line = 2;
  for (int i = 0; i < 4000; ++i) {
    std::string row = "c";
    row += std::to_string(i % 37);
    row += ",user,";
    int breaks = i % 4;
    if (breaks == 0) {
      row += "plain text number ";
      row += std::to_string(i);
    } else {
      row += '"';
      for (int b = 0; b < breaks; ++b) {
        row += "line ";
        row += std::to_string(b);
        row += " with \"\"quotes\"\", commas\n";
      }
      row.append(static_cast<std::size_t>(i % 50), 'z');
      row += '"';
    }
    text += row + "\n";
    expected.push_back(row);
    lines.push_back(line);
    line += static_cast<std::uint64_t>(breaks) + 1;
  }
  REQUIRE(text.size() > 300000);
  Framed f = frame_csv(text, ".csv", CsvChoice::detect, 1 << 20, 64);
  CHECK(f.framing == Framing::csv);
  CHECK(f.batches > 3);
  CHECK(f.padded);
  REQUIRE(f.records.size() == expected.size());
  CHECK(bytes_of(f) == expected);
  CHECK(lines_of(f) == lines);
}

TEST_CASE("framer: a CSV row over max_record_bytes is one too-large record", "[framer][csv]") {
  Framed f = frame_csv("role,text\nuser,\"" + std::string(100, 'x') + "\nmore\"\nbot,ok\n", ".csv",
                       CsvChoice::detect, 40);
  REQUIRE(f.records.size() == 3);
  CHECK(f.records[1].too_large);
  CHECK(f.records[1].line == 2);
  CHECK(f.records[2].bytes == "bot,ok");
  CHECK(f.records[2].line == 4);
}

TEST_CASE("framer: a too-large CSV row longer than a block is skipped, quotes and all",
          "[framer][csv]") {
  // 200 000 bytes inside quotes, with newlines and a comma-newline that would look like a row
  // end if the quote state were lost while skipping.
  std::string field;
  for (int i = 0; i < 2000; ++i)
    field += std::string(95, 'q') + ",\"\"\n";
  const std::string text = "role,text\nuser,hi\nuser,\"" + field + "\"\nbot,after\nuser,end";
  Framed f = frame_csv(text, ".csv", CsvChoice::detect, 1000, 64);
  REQUIRE(f.records.size() == 5);
  CHECK(f.records[2].too_large);
  CHECK(f.records[2].line == 3);
  CHECK(f.records[3].bytes == "bot,after");
  CHECK(f.records[3].line == 2004);
  CHECK(f.records[4].bytes == "user,end");
  CHECK(f.finished);
}

TEST_CASE("framer: a CSV row longer than a block but under the limit is kept", "[framer][csv]") {
  const std::string big = "user,\"" + std::string(150000, 'y') + "\n" + std::string(10, 'y') + "\"";
  Framed f = frame_csv("role,text\n" + big + "\nbot,ok\n", ".csv", CsvChoice::detect, 1 << 20, 64);
  REQUIRE(f.records.size() == 3);
  CHECK_FALSE(f.records[1].too_large);
  CHECK(f.records[1].bytes == big);
  CHECK(lines_of(f) == Lines{1, 2, 4});
  CHECK(f.padded);
}

TEST_CASE("framer: CSV is chosen by a .csv or .tsv name, also compressed", "[framer][csv]") {
  // The content starts like JSON: the name decides.
  const std::string text = "{weird,header\nx,y\n";
  for (std::string_view suffix : {".csv", ".tsv", ".csv.gz", ".csv.zst", ".CSV.txt.csv"}) {
    CAPTURE(suffix);
    Framed f = frame_csv(text, suffix);
    CHECK(f.framing == Framing::csv);
    CHECK(bytes_of(f) == Rows{"{weird,header", "x,y"});
  }
}

TEST_CASE("framer: CSV is chosen by a chat CSV header under any name", "[framer][csv]") {
  Framed f = frame_csv("session_id;speaker;message\ns1;user;\"a\nb\"\n", ".txt");
  CHECK(f.framing == Framing::csv);
  CHECK(bytes_of(f) == Rows{"session_id;speaker;message", "s1;user;\"a\nb\""});
  CHECK(frame_csv("role,text\r\nuser,hi\r\n", "").framing == Framing::csv);
}

TEST_CASE("framer: a first line that is not a chat CSV header is not CSV", "[framer][csv]") {
  CHECK(frame_csv("id,name,value\n1,a,b\n", ".txt").framing == Framing::jsonl);
  CHECK(frame_csv("{\"role\":\"user\",\"text\":\"hi\"}\n", ".txt").framing == Framing::jsonl);
  CHECK(frame_csv("hello world\n", ".log").framing == Framing::jsonl);
}

TEST_CASE("framer: CsvChoice::always frames any file as CSV", "[framer][csv]") {
  Framed f = frame_csv("a|b\n\"x\ny\"|z\n", ".jsonl", CsvChoice::always);
  CHECK(f.framing == Framing::csv);
  CHECK(bytes_of(f) == Rows{"a|b", "\"x\ny\"|z"});
}

TEST_CASE("framer: CsvChoice::never frames a .csv file as JSON", "[framer][csv]") {
  Framed f = frame_csv("role,text\n{\"a\":1}\n", ".csv", CsvChoice::never);
  CHECK(f.framing == Framing::jsonl);
  CHECK(bytes_of(f) == Rows{"role,text", "{\"a\":1}"});
  CHECK(frame_csv("role,text\nuser,hi\n", ".txt", CsvChoice::never).framing == Framing::jsonl);
}

TEST_CASE("framer: an empty CSV file has no rows", "[framer][csv]") {
  Framed f = frame_csv("", ".csv");
  CHECK(f.framing == Framing::csv);
  CHECK(f.records.empty());
  CHECK(f.finished);
}
