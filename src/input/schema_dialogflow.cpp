// Dialogflow CX interaction logs exported to BigQuery (and from there to JSONL), one row per
// turn of the conversation:
//   {"conversation_name": "projects/p/locations/l/agents/a/sessions/s1", "turn_position": 2,
//    "request_time": "2026-11-20 09:14:03.250 UTC", "language_code": "en",
//    "request": {"queryInput": {"text": {"text": "I want to talk to a person"}}},
//    "response": {"queryResult": {"responseMessages": [{"text": {"text": ["Sure, one moment"]}},
//                                                      {"liveAgentHandoff": {}}],
//                                 "match": {"matchType": "INTENT", "confidence": 0.9,
//                                           "intent": {"displayName": "human"}}}},
//    "conversation_signals": {"turnSignals": {"userEscalated": true, "agentEscalated": true,
//                                             "noMatch": false, "sentimentScore": -0.4}}}
// The grouper puts a conversation_name's rows together; each row is a user turn (the request's
// text, else the response's queryResult.text or .transcript) then a bot turn (the response
// messages' text, joined by newlines). Platform signals become events:
//   - userEscalated: the customer asked for a live agent (human_request, on the user turn);
//   - agentEscalated, or a liveAgentHandoff response message: handoff (on the bot turn);
//   - noMatch, or match.matchType NO_MATCH: fallback (on the bot turn);
//   - sentimentScore (turnSignals, or queryResult.sentimentAnalysisResult.score): sentiment on
//     the user turn; the matched intent (displayName, confidence): intent on the user turn.
// JSON columns may come as objects or as strings holding JSON (BigQuery writes JSON-typed
// columns either way); both are read. Turns are put in turn_position order at the end, whatever
// the row order. language_code is the metadata field "locale"; other top-level scalars (project_id,
// agent_id, ...) are metadata.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "input/csv.hpp"
#include "input/schema.hpp"

namespace audit {

namespace dom = simdjson::dom;

namespace {

// A JSON column: an object, or a string that holds an object (parsed with the row state's own
// parser: the row's document stays valid). Null or absent: not there.
simdjson::error_code json_column(dom::object row, std::string_view name, ReadContext& ctx,
                                 dom::object& out, bool& present, std::string& buffer,
                                 dom::parser& parser) {
  present = false;
  dom::element v;
  if (row[name].get(v) != simdjson::SUCCESS || v.is_null()) return simdjson::SUCCESS;
  if (v.is_string()) {
    std::string_view text = v.get_string().value_unsafe();
    buffer.assign(text);
    const std::size_t length = buffer.size();
    buffer.append(simdjson::SIMDJSON_PADDING, '\0');
    dom::element inner;
    if (auto err = parser.parse(buffer.data(), length, false).get(inner)) {
      ctx.detail =
          fmt::format("{}: a string that is not JSON ({})", name, simdjson::error_message(err));
      return err;
    }
    v = inner;
  }
  if (auto err = v.get_object().get(out)) {
    ctx.detail = fmt::format("{}: expected an object", name);
    return err;
  }
  present = true;
  return simdjson::SUCCESS;
}

template <typename Node>
std::string_view string_at(Node e, std::string_view pointer) {
  std::string_view s;
  if (e.at_pointer(pointer).get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

bool bool_at(dom::object o, std::string_view key) {
  bool b = false;
  return o[key].get_bool().get(b) == simdjson::SUCCESS && b;
}

}  // namespace

simdjson::error_code read_dialogflow_row(dom::object row, ReadContext& ctx, Conversation& c) {
  RowState& state = *ctx.state;
  std::int64_t position = static_cast<std::int64_t>(state.order.size());
  std::int64_t time_ms = -1;
  bool has_name = false;
  for (dom::key_value_pair kv : row) {
    const std::string_view key = kv.key;
    if (key == "conversation_name") {
      std::string_view name;
      if (auto err = kv.value.get_string().get(name)) {
        ctx.detail = "conversation_name: expected a string";
        return err;
      }
      if (c.id.empty()) c.id = ctx.keep(name);
      has_name = true;
    } else if (key == "turn_position") {
      std::string_view digits;
      if (kv.value.is_int64()) {
        position = kv.value.get_int64().value_unsafe();
      } else if (kv.value.get_string().get(digits) == simdjson::SUCCESS &&
                 std::from_chars(digits.data(), digits.data() + digits.size(), position).ec ==
                     std::errc{}) {
      } else if (!kv.value.is_null()) {
        ctx.detail = "turn_position: expected an integer";
        return simdjson::INCORRECT_TYPE;
      }
    } else if (key == "request_time") {
      std::string_view when;
      if (kv.value.get_string().get(when) == simdjson::SUCCESS) time_ms = parse_time_text(when);
    } else if (key == "request" || key == "response" || key == "conversation_signals" ||
               key == "partial_responses" || key == "derived_data" ||
               key == "bot_answer_feedback") {
      // read below
    } else {
      std::string_view value;
      bool is_null = false;
      if (scalar_text(kv.value, ctx.arena, value, is_null) == simdjson::SUCCESS && !is_null &&
          !value.empty()) {
        const bool seen =
            std::any_of(c.metadata.begin(), c.metadata.end(), [&](const MetadataField& m) {
              return m.key == key || (key == "language_code" && m.key == "locale");
            });
        if (!seen)
          c.metadata.push_back({key == "language_code" ? std::string_view("locale") : ctx.keep(key),
                                ctx.keep(value)});
      }
    }
  }
  if (!has_name) {
    ctx.detail = "missing \"conversation_name\"";
    return simdjson::NO_SUCH_FIELD;
  }

  // The user's side: the request's text (the response's queryResult repeats it, or has the
  // transcript of speech).
  std::string_view user_text;
  dom::object request, response, signals;
  bool has_request = false, has_response = false, has_signals = false;
  if (auto err =
          json_column(row, "request", ctx, request, has_request, state.nested_bytes, state.nested))
    return err;
  if (has_request) user_text = ctx.keep(string_at(request, "/queryInput/text/text"));

  // The response and signals each need the nested parser only if they are strings: one at a
  // time, keeping what is needed before the next parse.
  std::string_view bot_text;
  bool handoff = false, no_match = false, has_sentiment = false;
  double sentiment = 0, confidence = 0;
  std::string_view intent;
  if (auto err = json_column(row, "response", ctx, response, has_response, state.nested_bytes,
                             state.nested))
    return err;
  if (has_response) {
    dom::element result;
    if (response["queryResult"].get(result) == simdjson::SUCCESS) {
      if (user_text.empty()) user_text = ctx.keep(string_at(result, "/text"));
      if (user_text.empty()) user_text = ctx.keep(string_at(result, "/transcript"));
      dom::array messages;
      if (result["responseMessages"].get_array().get(messages) == simdjson::SUCCESS) {
        ctx.arena.begin();
        bool first = true;
        for (dom::element m : messages) {
          dom::object message;
          if (m.get_object().get(message) != simdjson::SUCCESS) continue;
          if (message["liveAgentHandoff"].error() == simdjson::SUCCESS) handoff = true;
          dom::array lines;
          if (message.at_pointer("/text/text").get_array().get(lines) != simdjson::SUCCESS)
            continue;
          for (dom::element line : lines) {
            std::string_view text;
            if (line.get_string().get(text) != simdjson::SUCCESS || text.empty()) continue;
            if (!first) ctx.arena.append("\n");
            ctx.arena.append(text);
            first = false;
          }
        }
        bot_text = ctx.arena.finish();
      }
      if (string_at(result, "/match/matchType") == "NO_MATCH") no_match = true;
      intent = ctx.keep(string_at(result, "/match/intent/displayName"));
      double d = 0;
      if (result.at_pointer("/match/confidence").get_double().get(d) == simdjson::SUCCESS)
        confidence = d;
      if (result.at_pointer("/sentimentAnalysisResult/score").get_double().get(d) ==
          simdjson::SUCCESS) {
        sentiment = d;
        has_sentiment = true;
      }
    }
  }
  bool user_escalated = false;
  if (auto err = json_column(row, "conversation_signals", ctx, signals, has_signals,
                             state.nested_bytes, state.nested))
    return err;
  if (has_signals) {
    dom::object turn_signals;
    if (signals["turnSignals"].get_object().get(turn_signals) == simdjson::SUCCESS) {
      user_escalated = bool_at(turn_signals, "userEscalated");
      handoff = handoff || bool_at(turn_signals, "agentEscalated");
      no_match = no_match || bool_at(turn_signals, "noMatch");
      double d = 0;
      if (turn_signals["sentimentScore"].get_double().get(d) == simdjson::SUCCESS) {
        sentiment = d;
        has_sentiment = true;
      }
    }
  }

  const auto arrival = static_cast<std::uint32_t>(state.order.size());
  if (!user_text.empty() || user_escalated) {
    Turn turn;
    turn.role = Role::user;
    turn.text = user_text;
    turn.time_ms = time_ms;
    turn.first_event = static_cast<std::uint32_t>(c.events.size());
    if (user_escalated) c.events.push_back({EventKind::human_request, "userEscalated", 0});
    if (has_sentiment) c.events.push_back({EventKind::sentiment, "sentimentScore", sentiment});
    if (!intent.empty()) c.events.push_back({EventKind::intent, intent, confidence});
    turn.event_count = static_cast<std::uint32_t>(c.events.size()) - turn.first_event;
    c.turns.push_back(turn);
    state.order.emplace_back(position, arrival);
  }
  if (!bot_text.empty() || handoff || no_match) {
    Turn turn;
    turn.role = Role::bot;
    turn.text = bot_text;
    turn.time_ms = time_ms;
    turn.first_event = static_cast<std::uint32_t>(c.events.size());
    if (handoff) c.events.push_back({EventKind::handoff, "agentEscalated", 0});
    if (no_match) c.events.push_back({EventKind::fallback, "noMatch", 0});
    turn.event_count = static_cast<std::uint32_t>(c.events.size()) - turn.first_event;
    c.turns.push_back(turn);
    state.order.emplace_back(position, arrival);
  }
  return simdjson::SUCCESS;
}

void finish_dialogflow(ReadContext& ctx, Conversation& c) {
  std::vector<std::pair<std::int64_t, std::uint32_t>>& order = ctx.state->order;
  if (order.size() != c.turns.size()) return;
  bool sorted = true;
  for (std::size_t i = 1; i < order.size() && sorted; ++i)
    sorted = order[i - 1].first <= order[i].first;
  if (sorted) return;
  // Stable by (turn_position, arrival): a row's user turn stays before its bot turn.
  std::vector<std::uint32_t> index(c.turns.size());
  for (std::uint32_t i = 0; i < index.size(); ++i)
    index[i] = i;
  std::stable_sort(index.begin(), index.end(), [&](std::uint32_t a, std::uint32_t b) {
    return order[a].first < order[b].first;
  });
  std::vector<Turn> turns;
  turns.reserve(c.turns.size());
  for (std::uint32_t i : index)
    turns.push_back(c.turns[i]);
  c.turns.swap(turns);
}

}  // namespace audit
