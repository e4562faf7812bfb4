// A batch: a block of whole records cut from one input file, the unit of work of one worker.
// Batches are cut by the reader at the same places whatever the thread count, which is what
// makes every output identical for any --threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "options.hpp"

namespace audit {

struct RecordSlice {
  std::size_t offset = 0;  // into Batch::bytes
  std::size_t length = 0;
  std::uint64_t line = 0;  // 1-based line where the record starts
  bool too_large = false;  // over --max-record-size: the framer kept no bytes of it
  // Row formats (one record per turn or event, input/grouping.hpp): this record is the
  // conversation made of Batch::rows[first_row, first_row + row_count). 0 rows: a plain record.
  std::uint32_t first_row = 0, row_count = 0;
  std::uint32_t part = 0;  // 0: the conversation's first group of rows; n: its (n+1)th part
  bool resumed = false;    // the key's rows came back after its group had been closed
};

// One row of a grouped record: a JSON line or a CSV row, where it was in its file.
struct RowSlice {
  std::size_t offset = 0;  // into Batch::bytes
  std::size_t length = 0;
  std::uint64_t line = 0;
};

struct CsvLayout;  // input/csv.hpp: the columns of a CSV file, from its header

struct Batch {
  std::uint64_t sequence = 0;  // position in the run, across files
  std::uint32_t file_index = 0;
  InputFormat format = InputFormat::auto_detect;  // the file's format, detected on its first batch
  std::string bytes;  // the records, followed by at least SIMDJSON_PADDING readable bytes
  std::vector<RecordSlice> records;
  std::vector<RowSlice> rows;            // row formats: the rows of the grouped records
  std::shared_ptr<const CsvLayout> csv;  // CSV files: the columns, read from the header
  std::uint64_t input_bytes = 0;         // bytes of the (decompressed) file this batch consumed
  bool last_of_file = false;
  bool unreadable = false;  // the file could not be opened at all
  std::string read_error;   // set on the file's last batch when reading failed midway

  void clear() {
    bytes.clear();
    records.clear();
    rows.clear();
    csv.reset();
    input_bytes = 0;
    last_of_file = false;
    unreadable = false;
    read_error.clear();
  }
};

}  // namespace audit
