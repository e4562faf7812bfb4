// The pipeline: readers -> prepare -> detectors -> report, over batches of records.
//
// With --threads 1 everything runs on the calling thread. With N > 1, one reader thread cuts
// the inputs into batches (input/framing.hpp), N workers each audit whole batches with their
// own parser and buffers, and the calling thread takes the results back in batch order. A batch
// buffer returns to the pool only once its result has been consumed, so the pool size bounds
// the memory in flight. Batches are cut at the same places whatever N, and results are merged
// in batch order, so every output is byte-identical for any thread count.
#include "pipeline.hpp"

#include <fmt/format.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "detectors/detector.hpp"
#include "input/byte_source.hpp"
#include "input/csv.hpp"
#include "input/framing.hpp"
#include "input/grouping.hpp"
#include "input/record_reader.hpp"
#include "input/schema.hpp"
#include "text/prepare.hpp"
#include "text/utf8.hpp"

namespace audit {

namespace {

constexpr std::size_t kBatchBytes = std::size_t{1} << 20;

// Everything that reads the input files, on one thread: opening, framing, and detecting each
// file's format from its first records.
class InputReader {
 public:
  InputReader(const Options& opt, const std::vector<InputFile>& files) : opt_(opt), files_(files) {}

  // Fills `batch` with the next records (or an unreadable file's error). False at the end.
  bool next(Batch& batch) {
    for (;;) {
      if (!framer_) {
        if (file_ >= files_.size()) return false;
        if (!open_next(batch)) return true;  // a batch that carries the open error
      }
      batch.clear();
      batch.file_index = static_cast<std::uint32_t>(file_);
      batch.format = format_;
      if (grouper_) {
        next_grouped(batch);
        if (batch.last_of_file) close_file();
        batch.sequence = sequence_++;
        return true;
      }
      if (framer_->next(batch)) {
        if (first_batch_) {
          first_batch_ = false;
          if (framer_->framing() == Framing::csv)
            format_ = InputFormat::csv;
          else if (opt_.input.format == InputFormat::auto_detect)
            detect_format(batch);
          batch.format = format_;
          if (is_row_format(format_)) {
            // Rows: from now on the framed batches go through the grouper.
            grouper_ =
                std::make_unique<RowGrouper>(opt_.input.group_window, opt_.input.max_record_bytes);
            std::swap(framed_, batch);
            have_framed_ = true;
            continue;
          }
        }
        if (batch.last_of_file) close_file();
        batch.sequence = sequence_++;
        return true;
      }
      close_file();
    }
  }

 private:
  bool open_next(Batch& batch) {
    const InputFile& f = files_[file_];
    std::string error = f.error;
    source_ = std::make_unique<ByteSource>();
    if (error.empty() && !source_->open(f.path, error) && error.empty()) error = "cannot open";
    if (!error.empty()) {
      batch.clear();
      batch.file_index = static_cast<std::uint32_t>(file_);
      batch.read_error = "cannot read: " + error;
      batch.last_of_file = true;
      batch.unreadable = true;
      batch.sequence = sequence_++;
      ++file_;
      source_.reset();
      return false;
    }
    framer_ = std::make_unique<Framer>(*source_, f.path, opt_.input.max_record_bytes, kBatchBytes,
                                       opt_.input.format == InputFormat::csv ? CsvChoice::always
                                       : opt_.input.format == InputFormat::auto_detect
                                           ? CsvChoice::detect
                                           : CsvChoice::never);
    first_batch_ = true;
    format_ = opt_.input.format;
    return true;
  }

  void close_file() {
    framer_.reset();
    source_.reset();
    grouper_.reset();
    csv_.reset();
    have_framed_ = false;
    ++file_;
  }

  // Row formats: groups framed rows into conversations until `out` holds a batch's worth or
  // the file ends (then every open conversation is flushed).
  void next_grouped(Batch& out) {
    for (;;) {
      if (!have_framed_) {
        framed_.clear();
        if (!framer_->next(framed_)) framed_.last_of_file = true;
      }
      have_framed_ = false;
      out.input_bytes += framed_.input_bytes;
      if (!group_rows(framed_, out)) {
        out.last_of_file = true;  // out.read_error says why the file could not be read on
        break;
      }
      if (framed_.last_of_file) {
        grouper_->flush(out);
        out.last_of_file = true;
        out.read_error = framed_.read_error;
        break;
      }
      if (out.bytes.size() >= kBatchBytes) break;
    }
    out.bytes.append(simdjson::SIMDJSON_PADDING, '\0');
    out.csv = csv_;
  }

  // False when the file cannot be read on (a CSV header that names no text column).
  bool group_rows(const Batch& in, Batch& out) {
    const std::string_view group_key = schema_for(format_)->group_key;
    for (const RecordSlice& r : in.records) {
      if (r.too_large && format_ == InputFormat::csv && !csv_) {
        out.read_error = fmt::format(
            "line {}: the CSV header is larger than --max-record-size; the columns are unknown",
            r.line);
        return false;
      }
      if (r.too_large) {
        grouper_->add_too_large(r.line, out);
        continue;
      }
      const std::string_view row(in.bytes.data() + r.offset, r.length);
      if (format_ == InputFormat::csv) {
        if (!csv_) {
          auto layout = std::make_shared<CsvLayout>();
          std::string error;
          if (!read_csv_header(row, opt_.input.map, *layout, error)) {
            out.read_error = fmt::format("line {}: CSV {}", r.line, error);
            return false;
          }
          csv_ = std::move(layout);
          continue;
        }
        std::string error;
        if (!split_csv_row(row, csv_->delimiter, fields_, scratch_, error)) {
          grouper_->add_alone(row, r.line, out);  // the worker reports it
          continue;
        }
        std::string_view key;
        if (csv_->id >= 0 && static_cast<std::size_t>(csv_->id) < fields_.size())
          key = fields_[static_cast<std::size_t>(csv_->id)];
        grouper_->add(key, false, row, r.line, out);
        continue;
      }
      std::string_view key;
      bool new_session = false;
      if (json_row_key(in, r, group_key, key, new_session))
        grouper_->add(key, new_session, row, r.line, out);
      else
        grouper_->add_alone(row, r.line, out);  // the worker reads it and says what is wrong
    }
    return true;
  }

  // The grouping key of a JSON row (a top-level string or number), and for Rasa whether the row
  // starts a session. False when the row is not JSON or has no key.
  bool json_row_key(const Batch& in, const RecordSlice& r, std::string_view field,
                    std::string_view& key, bool& new_session) {
    const char* data = in.bytes.data() + r.offset;
    std::size_t length = r.length, capacity = in.bytes.size() - r.offset;
    simdjson::ondemand::document doc;
    auto err = key_parser_.iterate(data, length, capacity).get(doc);
    simdjson::ondemand::object o;
    if (!err) err = doc.get_object().get(o);
    if (err) return false;
    simdjson::ondemand::value v;
    if (o.find_field_unordered(field).get(v)) return false;
    std::string_view text;
    if (v.get_string().get(text) == simdjson::SUCCESS) {
      key_.assign(text);
    } else {
      std::string_view raw = v.raw_json_token();
      while (!raw.empty() &&
             (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
        raw.remove_suffix(1);
      if (raw.empty() || raw.front() == '{' || raw.front() == '[') return false;
      key_.assign(raw);  // a number
    }
    key = key_;
    if (format_ == InputFormat::rasa_events) {
      // A session starts with the action_session_start action, then a session_started event
      // (older Rasa: only one of them, or neither).
      std::string_view event, name;
      if (o.find_field_unordered("event").get_string().get(event) == simdjson::SUCCESS) {
        new_session = event == "session_started" ||
                      (event == "action" &&
                       o.find_field_unordered("name").get_string().get(name) == simdjson::SUCCESS &&
                       name == "action_session_start");
      }
    }
    return true;
  }

  // The format of a file is the format of its first record that any reader recognises.
  void detect_format(Batch& batch) {
    for (const RecordSlice& r : batch.records) {
      if (r.too_large) continue;
      InputFormat f =
          detector_.detect(batch.bytes.data() + r.offset, r.length, batch.bytes.size() - r.offset);
      if (f != InputFormat::auto_detect) {
        format_ = f;
        break;
      }
    }
    batch.format = format_;
  }

  const Options& opt_;
  const std::vector<InputFile>& files_;
  std::size_t file_ = 0;
  std::uint64_t sequence_ = 0;
  std::unique_ptr<ByteSource> source_;
  std::unique_ptr<Framer> framer_;
  bool first_batch_ = false;
  InputFormat format_ = InputFormat::auto_detect;
  RecordReader detector_;
  // Row formats.
  std::unique_ptr<RowGrouper> grouper_;
  Batch framed_;  // the framer's rows, before grouping
  bool have_framed_ = false;
  std::shared_ptr<const CsvLayout> csv_;
  std::vector<std::string_view> fields_;
  std::string scratch_, key_;
  simdjson::ondemand::parser key_parser_;
};

// One per thread: a parser, a conversation, prepared text and findings, all reused.
class Worker {
 public:
  Worker(const Options& opt, const std::vector<InputFile>& files, const Lexicon& lexicon,
         const std::vector<std::size_t>& enabled)
      : opt_(opt), files_(files), lexicon_(lexicon), enabled_(enabled) {
    if (opt.input.map.json_mapping()) reader_.set_mapping(&opt.input.map);
    reader_.set_handoff_names(&opt.input.handoff_names);
  }

  void process(const Batch& b, BatchResult& r) {
    r.sequence = b.sequence;
    r.file_index = b.file_index;
    r.summary = Summary{};
    r.summary.rules.resize(all_detectors().size());
    r.worst = WorstList(opt_.output.top);
    r.flagged.clear();
    r.errors.clear();
    r.shown.clear();
    const std::string name = display_name(files_[b.file_index].path);
    for (const RecordSlice& rec : b.records) {
      ++r.summary.records;
      if (rec.too_large) {
        error(r, b, rec.line, ErrorKind::record_too_large,
              fmt::format("record is larger than --max-record-size ({} bytes); skipped",
                          opt_.input.max_record_bytes));
        continue;
      }
      RecordReader::Outcome o;
      if (rec.row_count > 0) {
        r.summary.records += rec.row_count - 1;  // a grouped record counts its rows
        row_errors_.clear();
        o = reader_.read_group(
            b.bytes.data(), std::span<const RowSlice>(b.rows).subspan(rec.first_row, rec.row_count),
            rec.part, b.format, b.csv.get(), name, conversation_, row_errors_);
        for (RowError& e : row_errors_) {
          if (e.warning) {
            ++r.summary.repaired_utf8;
            r.errors.push_back({e.kind, true, b.file_index, e.line, std::move(e.message)});
          } else {
            error(r, b, e.line, e.kind, std::move(e.message));
          }
        }
        if (!o.ok) {
          if (!o.message.empty()) error(r, b, rec.line, o.kind, o.message);
          continue;
        }
        if (rec.resumed) {
          r.errors.push_back(
              {ErrorKind::invalid_record, true, b.file_index, rec.line,
               fmt::format("rows of conversation {} resume here after the conversation was "
                           "complete (more than --group-window rows apart, or over "
                           "--max-record-size): audited as a part of its own",
                           utf8_prefix(conversation_.id, 80))});
        }
      } else {
        o = reader_.read(b.bytes.data() + rec.offset, rec.length, b.bytes.size() - rec.offset,
                         b.format, name, rec.line, conversation_,
                         opt_.input.format == InputFormat::auto_detect);
        if (!o.ok) {
          error(r, b, rec.line, o.kind, o.message);
          continue;
        }
        if (!o.warning.empty()) {
          r.errors.push_back({ErrorKind::invalid_record, true, b.file_index, rec.line, o.warning});
        }
        if (o.repaired_utf8) {
          ++r.summary.repaired_utf8;
          r.errors.push_back({ErrorKind::invalid_json, true, b.file_index, rec.line,
                              "invalid UTF-8 replaced with U+FFFD; the record was audited"});
        }
      }
      conversation_.file_index = b.file_index;
      conversation_.line = rec.line;
      if (!opt_.show_id.empty() && conversation_.id != opt_.show_id) continue;
      audit_conversation(r);
      if (!opt_.show_id.empty()) keep_for_show(r);
    }
    if (b.last_of_file) {
      if (b.unreadable) {
        ++r.summary.unreadable_files;
        ++r.summary.skipped[static_cast<std::size_t>(ErrorKind::unreadable_input)];
        r.errors.push_back({ErrorKind::unreadable_input, false, b.file_index, 0, b.read_error});
      } else {
        ++r.summary.files;
        if (!b.read_error.empty()) {
          ++r.summary.skipped[static_cast<std::size_t>(ErrorKind::unreadable_input)];
          r.errors.push_back({ErrorKind::unreadable_input, false, b.file_index, 0,
                              "reading stopped: " + b.read_error});
        }
      }
    }
    r.summary.bytes += b.input_bytes;
  }

 private:
  void error(BatchResult& r, const Batch& b, std::uint64_t line, ErrorKind kind, std::string msg) {
    ++r.summary.skipped[static_cast<std::size_t>(kind)];
    r.errors.push_back({kind, false, b.file_index, line, std::move(msg)});
  }

  void audit_conversation(BatchResult& r) {
    const Conversation& c = conversation_;
    prepare(c, lexicon_, prepared_);
    findings_.clear();
    for (std::size_t d : enabled_)
      all_detectors()[d].run(c, prepared_, opt_.detect, findings_);

    Summary& s = r.summary;
    ++s.conversations;
    s.turns += c.turns.size();
    bool handoff = false, asked = false;
    std::int64_t first_user = -1, last_user = -1;
    for (std::size_t i = 0; i < c.turns.size(); ++i) {
      ++s.turns_by_role[static_cast<std::size_t>(c.turns[i].role)];
      handoff = handoff || prepared_.turns[i].handoff;
      asked = asked || prepared_.turns[i].human_request;
      if (c.turns[i].role == Role::user) {
        if (first_user < 0) first_user = static_cast<std::int64_t>(i);
        last_user = static_cast<std::int64_t>(i);
      }
    }
    if (handoff) ++s.handed_off;
    if (asked) ++s.asked_for_human;
    if (first_user >= 0) {
      ++s.sentiment_conversations;
      s.first_sentiment_sum += prepared_.turns[static_cast<std::size_t>(first_user)].sentiment;
      s.last_sentiment_sum += prepared_.turns[static_cast<std::size_t>(last_user)].sentiment;
    }
    const int quality = quality_score(findings_);
    ++s.quality_histogram[static_cast<std::size_t>(quality / 10)];
    s.quality_sum += quality;
    if (findings_.empty()) return;

    ++s.flagged;
    bool false_containment = false;
    std::uint32_t seen_rules = 0;
    for (const Finding& f : findings_) {
      std::size_t idx = detector_index(f.rule);
      RuleCounts& rc = s.rules[idx];
      ++rc.findings;
      ++rc.by_severity[static_cast<std::size_t>(f.severity)];
      if (!(seen_rules & (1u << idx))) {
        ++rc.conversations;
        seen_rules |= 1u << idx;
      }
      if (f.rule != "user-repeat" && f.rule != "bot-reask" && f.rule != "sentiment-drop")
        false_containment = true;
    }
    if (false_containment && !handoff) ++s.false_contained;

    FlaggedConversation fc;
    fc.id.assign(c.id);
    fc.file_index = c.file_index;
    fc.line = c.line;
    fc.turn_count = static_cast<std::uint32_t>(c.turns.size());
    fc.quality = quality;
    fc.findings = findings_;
    if (r.worst.would_keep(fc)) {
      FlaggedConversation worst = fc;
      quote_evidence(worst);
      r.worst.offer(std::move(worst));
    }
    r.flagged.push_back(std::move(fc));
  }

  // Copies the whole conversation and its analysis (`chataudit show`).
  void keep_for_show(BatchResult& r) {
    const Conversation& c = conversation_;
    ShownConversation sc;
    sc.id.assign(c.id);
    sc.file_index = c.file_index;
    sc.line = c.line;
    for (const MetadataField& m : c.metadata)
      sc.metadata.emplace_back(m.key, m.value);
    for (std::size_t i = 0; i < c.turns.size(); ++i) {
      const TurnFeatures& f = prepared_.turns[i];
      sc.turns.push_back({c.turns[i].role, std::string(c.turns[i].text), f.sentiment,
                          c.turns[i].time_ms, f.fallback, f.handoff, f.human_request});
    }
    sc.findings = findings_;
    sc.quality = quality_score(findings_);
    r.shown.push_back(std::move(sc));
  }

  // Copies the evidence turns (and the turn before each, for context) for the reports.
  void quote_evidence(FlaggedConversation& fc) {
    std::vector<bool> wanted(conversation_.turns.size(), false);
    for (const Finding& f : fc.findings) {
      for (std::uint32_t t : f.turns) {
        if (t < wanted.size()) wanted[t] = true;
        if (t > 0 && t - 1 < wanted.size()) wanted[t - 1] = true;
      }
    }
    for (std::uint32_t i = 0; i < wanted.size(); ++i) {
      if (!wanted[i]) continue;
      const Turn& t = conversation_.turns[i];
      QuotedTurn q;
      q.index = i;
      q.role = t.role;
      q.sentiment = prepared_.turns[i].sentiment;
      std::string_view cut = utf8_prefix(t.text, kQuoteBytes);
      q.text.assign(cut);
      if (cut.size() < t.text.size()) q.text += "…";
      fc.evidence.push_back(std::move(q));
    }
  }

  const Options& opt_;
  const std::vector<InputFile>& files_;
  const Lexicon& lexicon_;
  const std::vector<std::size_t>& enabled_;
  RecordReader reader_;
  std::vector<RowError> row_errors_;
  Conversation conversation_;
  Prepared prepared_;
  std::vector<Finding> findings_;
};

}  // namespace

Report audit(const Options& opt, const std::vector<InputFile>& files, const Lexicon& lexicon,
             const BatchSink& sink) {
  Report report;
  for (const InputFile& f : files)
    report.files.push_back(display_name(f.path));
  std::vector<std::size_t> enabled;
  for (std::size_t i = 0; i < all_detectors().size(); ++i) {
    for (const std::string& r : opt.rules)
      if (all_detectors()[i].name == r) enabled.push_back(i);
  }
  for (std::size_t i : enabled)
    report.rules.emplace_back(all_detectors()[i].name);
  report.summary.rules.resize(all_detectors().size());
  WorstList worst(opt.output.top);

  auto consume = [&](const BatchResult& r) {
    report.summary.merge(r.summary);
    worst.merge(r.worst);
    for (const InputError& e : r.errors) {
      if (!e.warning) ++report.errors_total;
      if (report.errors.size() < kKeptErrors) report.errors.push_back(e);
    }
    sink(r);
  };

  InputReader input(opt, files);
  unsigned threads = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
  if (threads == 1) {
    Worker worker(opt, files, lexicon, enabled);
    Batch batch;
    BatchResult result;
    while (input.next(batch)) {
      worker.process(batch, result);
      consume(result);
    }
  } else {
    // The reader thread fills batches from the pool; workers audit them; this thread consumes
    // the results in sequence order and only then returns each batch to the pool. If anything
    // throws (a report cannot be written, memory runs out), every thread is stopped and joined
    // before the exception goes on to main.
    const std::size_t pool_size = 2 * threads + 2;
    std::vector<std::unique_ptr<Batch>> storage;
    std::mutex mu;
    std::condition_variable cv;
    std::vector<Batch*> free_batches;
    std::deque<Batch*> queue;
    std::map<std::uint64_t, std::pair<Batch*, std::unique_ptr<BatchResult>>> done;
    bool input_finished = false, stop = false;
    std::exception_ptr failure;
    std::uint64_t batches_made = 0;
    for (std::size_t i = 0; i < pool_size; ++i) {
      storage.push_back(std::make_unique<Batch>());
      free_batches.push_back(storage.back().get());
    }
    auto fail = [&](std::exception_ptr e) {
      std::lock_guard lock(mu);
      if (!failure) failure = e;
      stop = true;
      cv.notify_all();
    };
    std::thread reader([&] {
      try {
        for (;;) {
          Batch* b;
          {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return !free_batches.empty() || stop; });
            if (stop) return;
            b = free_batches.back();
            free_batches.pop_back();
          }
          bool more = input.next(*b);
          std::lock_guard lock(mu);
          if (!more) {
            free_batches.push_back(b);
            input_finished = true;
            cv.notify_all();
            return;
          }
          ++batches_made;
          queue.push_back(b);
          cv.notify_all();
        }
      } catch (...) {
        fail(std::current_exception());
      }
    });
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        try {
          Worker worker(opt, files, lexicon, enabled);
          for (;;) {
            Batch* b;
            {
              std::unique_lock lock(mu);
              cv.wait(lock, [&] { return !queue.empty() || input_finished || stop; });
              if (stop || queue.empty()) return;
              b = queue.front();
              queue.pop_front();
            }
            auto result = std::make_unique<BatchResult>();
            worker.process(*b, *result);
            std::lock_guard lock(mu);
            done.emplace(b->sequence, std::make_pair(b, std::move(result)));
            cv.notify_all();
          }
        } catch (...) {
          fail(std::current_exception());
        }
      });
    }
    try {
      for (std::uint64_t next = 0;; ++next) {
        std::unique_ptr<BatchResult> result;
        Batch* b = nullptr;
        {
          std::unique_lock lock(mu);
          cv.wait(lock, [&] {
            return stop || done.count(next) || (input_finished && next >= batches_made);
          });
          if (stop) break;
          auto it = done.find(next);
          if (it == done.end()) break;
          b = it->second.first;
          result = std::move(it->second.second);
          done.erase(it);
        }
        consume(*result);
        std::lock_guard lock(mu);
        free_batches.push_back(b);
        cv.notify_all();
      }
    } catch (...) {
      fail(std::current_exception());
    }
    reader.join();
    for (std::thread& w : workers)
      w.join();
    if (failure) std::rethrow_exception(failure);
  }
  report.worst = worst.items();
  return report;
}

}  // namespace audit
