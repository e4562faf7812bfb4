#include "printers/printer.hpp"

namespace audit {

void print_nothing(PrintContext&, fmt::memory_buffer&) {}
void print_no_conversation(PrintContext&, const FlaggedConversation&, fmt::memory_buffer&) {}

std::span<const Printer> all_printers() {
  static constexpr Printer kPrinters[] = {
      {OutputFormat::text, "text", ".txt", print_nothing, print_no_conversation, print_text_end},
      {OutputFormat::json, "json", ".json", print_json_begin, print_json_conversation,
       print_json_end},
      {OutputFormat::jsonl, "jsonl", ".jsonl", print_nothing, print_jsonl_conversation,
       print_jsonl_end},
  };
  return kPrinters;
}

const Printer& printer_for(OutputFormat f) {
  for (const Printer& p : all_printers())
    if (p.format == f) return p;
  return all_printers()[0];
}

const Printer* printer_by_name(std::string_view name) {
  for (const Printer& p : all_printers())
    if (p.name == name) return &p;
  return nullptr;
}

const Printer* printer_by_path(std::string_view path) {
  for (const Printer& p : all_printers()) {
    if (path.size() > p.extension.size() &&
        path.substr(path.size() - p.extension.size()) == p.extension)
      return &p;
  }
  return nullptr;
}

}  // namespace audit
