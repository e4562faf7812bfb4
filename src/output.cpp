#include "output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "detectors/detector.hpp"
#include "input/record_reader.hpp"
#include "text/json_escape.hpp"
#include "text/utf8.hpp"

namespace audit {

struct ReportWriter::Sink {
  const Printer* printer = nullptr;
  std::string path;  // empty: stdout
  std::string tmp;
  std::FILE* file = nullptr;
  fmt::memory_buffer buf;
  std::unique_ptr<PrintContext> ctx;
};

namespace {

mode_t process_umask() {
  static const mode_t mask = [] {
    mode_t m = ::umask(0);  // read it: set and restore, once, before any thread starts
    ::umask(m);
    return m;
  }();
  return mask;
}

}  // namespace

bool stdout_wants_color(ColorMode mode) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(STDOUT_FILENO) != 0;
}

ReportWriter::ReportWriter(const Options& opt, const std::vector<InputFile>& files) : opt_(opt) {
  for (const InputFile& f : files)
    names_.push_back(display_name(f.path));
  for (const ReportSpec& spec : opt.output.reports) {
    auto s = std::make_unique<Sink>();
    s->printer = &printer_for(spec.format);
    s->path = spec.path;
    bool color = false;
    if (spec.path.empty()) {
      s->file = stdout;
      color = spec.format == OutputFormat::text && stdout_wants_color(opt.output.color);
    } else {
      s->tmp = spec.path + ".tmp-chataudit-XXXXXX";
      int fd = ::mkstemp(s->tmp.data());
      // mkstemp creates the file 0600; a report gets the mode any new file would (0666 & ~umask).
      if (fd >= 0) ::fchmod(fd, 0666 & ~process_umask());
      if (fd < 0 || !(s->file = ::fdopen(fd, "wb"))) {
        throw Fatal(fmt::format("cannot write {}: {}", spec.path, std::strerror(errno)));
      }
      color = opt.output.color == ColorMode::always && spec.format == OutputFormat::text;
    }
    s->ctx = std::make_unique<PrintContext>(PrintContext{names_, color, 0});
    s->printer->begin(*s->ctx, s->buf);
    sinks_.push_back(std::move(s));
  }
}

ReportWriter::~ReportWriter() {
  for (auto& s : sinks_) {
    if (!s->path.empty() && s->file) {
      std::fclose(s->file);
      std::remove(s->tmp.c_str());
    }
  }
}

void ReportWriter::flush(Sink& s, bool force) {
  if (!force && s.buf.size() < (std::size_t{1} << 16)) return;
  if (s.buf.size() && std::fwrite(s.buf.data(), 1, s.buf.size(), s.file) != s.buf.size()) {
    // A closed pipe (`| head`) is not an error worth a message; anything else is.
    // Other threads may still be running: leave at once, without running destructors.
    if (errno == EPIPE) std::_Exit(0);
    throw Fatal(fmt::format("cannot write {}: {}", s.path.empty() ? "standard output" : s.path,
                            std::strerror(errno)));
  }
  s.buf.clear();
  if (s.path.empty() && s.printer->format == OutputFormat::jsonl) std::fflush(s.file);
}

void ReportWriter::note_hidden_errors() {
  if (hidden_in_file_ && !opt_.output.quiet) {
    fmt::print(stderr,
               "{}: {} more problems not shown (see the summary; --max-errors to show more)\n",
               names_[error_file_], hidden_in_file_);
  }
  shown_in_file_ = hidden_in_file_ = 0;
}

void ReportWriter::on_batch(const BatchResult& r) {
  for (const InputError& e : r.errors) {
    if (e.file_index != error_file_) {
      note_hidden_errors();
      error_file_ = e.file_index;
    }
    if (opt_.output.quiet) continue;
    if (shown_in_file_ >= opt_.output.max_errors_shown) {
      ++hidden_in_file_;
      continue;
    }
    ++shown_in_file_;
    // File names and messages may carry bytes from the input: never let them reach the terminal
    // as control characters.
    std::string name, message;
    append_printable(names_[e.file_index], name);
    append_printable(e.message, message);
    const std::string_view level = e.warning ? "warning: " : "";
    if (e.line)
      fmt::print(stderr, "{}:{}: {}{}\n", name, e.line, level, message);
    else
      fmt::print(stderr, "{}: {}{}\n", name, level, message);
  }
  for (auto& s : sinks_) {
    for (const FlaggedConversation& c : r.flagged)
      s->printer->conversation(*s->ctx, c, s->buf);
    flush(*s, false);
  }
}

void ReportWriter::finish(const Report& r) {
  note_hidden_errors();
  for (auto& s : sinks_) {
    s->printer->end(*s->ctx, r, s->buf);
    flush(*s, true);
    if (s->path.empty()) {
      std::fflush(stdout);
      continue;
    }
    bool ok = std::fflush(s->file) == 0 && ::fsync(::fileno(s->file)) == 0;
    ok = std::fclose(s->file) == 0 && ok;
    s->file = nullptr;
    if (!ok || std::rename(s->tmp.c_str(), s->path.c_str()) != 0) {
      std::remove(s->tmp.c_str());
      throw Fatal(fmt::format("cannot write {}: {}", s->path, std::strerror(errno)));
    }
  }
}

std::string settings_json(const Options& opt) {
  fmt::memory_buffer out;
  auto it = std::back_inserter(out);
  out.append(std::string_view("{\"rules\":["));
  for (std::size_t k = 0; k < opt.rules.size(); ++k) {
    if (k) out.push_back(',');
    append_json_string(out, opt.rules[k]);
  }
  out.append(std::string_view("],\"parameters\":{"));
  bool first = true;
  for (const DetectorParam& p : all_params()) {
    if (!first) out.push_back(',');
    first = false;
    append_json_string(out, p.key);
    out.push_back(':');
    append_json_number(out, opt.detect.*(p.field));
  }
  fmt::format_to(it, "}},\"max_record_bytes\":{},\"input_format\":\"{}\",\"top\":{}}}",
                 opt.input.max_record_bytes, format_name(opt.input.format), opt.output.top);
  return fmt::to_string(out);
}

int exit_code(const Report& r, const Options& opt, std::vector<std::string>& why) {
  const Summary& s = r.summary;
  int code = 0;
  for (const FailOn& g : opt.output.fail_on) {
    std::uint64_t conversations = 0, findings = 0;
    if (g.rule == "any") {
      conversations = s.flagged;
      for (const RuleCounts& rc : s.rules)
        findings += rc.findings;
    } else {
      const std::size_t i = detector_index(g.rule);
      conversations = s.rules[i].conversations;
      findings = s.rules[i].findings;
    }
    const double rate =
        s.conversations ? static_cast<double>(conversations) / static_cast<double>(s.conversations)
                        : 0.0;
    if (g.by_rate ? rate > g.max_rate : findings > 0) {
      code = 1;
      if (g.by_rate) {
        why.push_back(fmt::format(
            "gate failed: --fail-on {}: rate {:.4f} ({} of {} conversations) is above {}", g.text,
            rate, conversations, s.conversations, g.max_rate));
      } else {
        why.push_back(fmt::format("gate failed: --fail-on {}: {} findings in {} conversations",
                                  g.text, findings, conversations));
      }
    }
  }
  const std::uint64_t unreadable = s.skipped[static_cast<std::size_t>(ErrorKind::unreadable_input)];
  if (unreadable) {
    why.push_back(fmt::format("{} inputs could not be read in full", unreadable));
    code = 2;
  }
  if (s.conversations == 0) {
    why.push_back("no conversation could be read from the inputs");
    code = 2;
  }
  if (opt.output.strict && s.skipped_total()) {
    why.push_back(fmt::format("--strict: {} records were skipped", s.skipped_total()));
    code = 2;
  }
  return code;
}

}  // namespace audit
