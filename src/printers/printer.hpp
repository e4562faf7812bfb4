// Printers render the report in one format. A printer has three hooks so formats that list
// every finding (json, jsonl) can stream them as results arrive, in input order, without the
// report ever holding all findings; formats that only summarise (text) use `end` alone.
#pragma once

#include <fmt/format.h>

#include <span>
#include <string_view>

#include "options.hpp"
#include "report/report.hpp"

namespace audit {

struct PrintContext {
  const std::vector<std::string>& files;  // display names by file index
  bool color = false;
  std::uint64_t items = 0;  // what the printer has written so far (for separators)
};

struct Printer {
  OutputFormat format;
  std::string_view name;       // "json": the --format value
  std::string_view extension;  // ".json": picks the printer for -o FILE
  void (*begin)(PrintContext&, fmt::memory_buffer&);
  void (*conversation)(PrintContext&, const FlaggedConversation&, fmt::memory_buffer&);
  void (*end)(PrintContext&, const Report&, fmt::memory_buffer&);
};

std::span<const Printer> all_printers();
const Printer& printer_for(OutputFormat f);
const Printer* printer_by_name(std::string_view name);
const Printer* printer_by_path(std::string_view path);

void print_nothing(PrintContext&, fmt::memory_buffer&);
void print_no_conversation(PrintContext&, const FlaggedConversation&, fmt::memory_buffer&);
void print_text_end(PrintContext&, const Report&, fmt::memory_buffer&);
void print_json_begin(PrintContext&, fmt::memory_buffer&);
void print_json_conversation(PrintContext&, const FlaggedConversation&, fmt::memory_buffer&);
void print_json_end(PrintContext&, const Report&, fmt::memory_buffer&);
void print_jsonl_conversation(PrintContext&, const FlaggedConversation&, fmt::memory_buffer&);
void print_jsonl_end(PrintContext&, const Report&, fmt::memory_buffer&);

// One finding as a JSON object (shared by json and jsonl).
void append_finding_json(fmt::memory_buffer& out, const FlaggedConversation& c, const Finding& f,
                         const std::vector<std::string>& files);

// `chataudit show`: one conversation with its analysis (printers/show.cpp).
void print_show_text(const ShownConversation& c, const std::vector<std::string>& files, bool color,
                     fmt::memory_buffer& out);
void print_show_json(const ShownConversation& c, const std::vector<std::string>& files,
                     fmt::memory_buffer& out);

inline constexpr int kSchemaVersion = 1;

}  // namespace audit
