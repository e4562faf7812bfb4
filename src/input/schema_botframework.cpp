// Microsoft Bot Framework transcripts (.transcript, as the Emulator's "Save transcript", Chatdown
// and the BotBuilder test suites write them): the record is one JSON array of activities, one
// conversation per file:
//   [{"type": "message", "id": "...", "timestamp": "2020-08-18T07:50:44.125Z",
//     "channelId": "emulator", "locale": "en-US", "conversation": {"id": "83fa...|livechat"},
//     "from": {"id": "...", "name": "Bot", "role": "bot"}, "recipient": {"role": "user"},
//     "text": "...", "speak": "...", "attachments": [{"contentType":
//     "application/vnd.microsoft.card.hero", "content": {"title": "...", "text": "..."}}]},
//    {"type": "event", "name": "handoff.initiate", ...}, {"type": "typing", ...}]
// `message` activities are turns. Role: from.role (user -> user; bot, skill -> bot); without it
// from.name when it is exactly "user" or "bot", else the opposite of recipient.role. Text:
// `text`, and for bot messages the text of hero/thumbnail cards (title, subtitle, text) and of
// adaptive cards (TextBlocks, also inside Containers, ColumnSets and Columns), joined with a
// newline; `speak` when there is no text at all. Button and suggested-action titles are not
// text. An `event` named handoff.initiate, a handoff.status whose value.state is accepted or
// completed, and the legacy `handoff` activity are empty bot turns carrying a handoff event; a
// handoff.status that failed is an empty bot turn with an `other` event handoff.status.failed.
// typing, trace, conversationUpdate, endOfConversation, installationUpdate, messageReaction and
// every other activity type are not turns. Times: ISO-8601, or RFC-1123 in legacy files.
// The id is the first conversation.id (a later, different one is said in the warning); without
// one the record is named "file:line". Metadata: the first channelId as "channel" and the first
// message's locale as "locale".
//
// The early Chatdown output (Feb 2018) does not conform: no `from`, a non-standard `to`, a
// different conversation.id on every activity, RFC-1123 dates, and no roles at all. It is read
// in degraded mode, with a warning: the speaker is the opposite of the addressee, which is `to`
// when there is one (the texts show that `recipient` names the speaker in that file) and else
// `recipient`; the addressee's role is its `role`, else its name when that clearly names a bot
// ("bot", "...Bot") or a user ("user"), else the opposite of the other party's. An activity
// whose speaker cannot be told is skipped and counted in the warning.
//
// Envelopes around the same activities (read_botframework_envelope):
//   - Direct Line / Copilot Studio: {"activities": [...], "watermark": "12"};
//   - Copilot Studio (Power Virtual Agents) transcripts as Dataverse stores them, one row of the
//     ConversationTranscript table: {"conversationtranscriptid": "...", "name": "...",
//     "content": "{\"activities\": [...]}", ...} — `content` is a string holding the JSON (or
//     the object itself). Without a conversation.id in the activities, the row's
//     conversationtranscriptid (else its name) is the id; the row's other scalars are metadata.
#include <fmt/format.h>

#include <array>
#include <cstddef>

#include "input/html.hpp"
#include "input/schema.hpp"

namespace audit {

namespace dom = simdjson::dom;

namespace {

enum class Side { unknown, user, bot };

Side opposite(Side s) {
  if (s == Side::user) return Side::bot;
  if (s == Side::bot) return Side::user;
  return Side::unknown;
}

// A string field of an object, or empty when it is missing or not a string.
std::string_view string_field(dom::object o, std::string_view key) {
  std::string_view s;
  if (o[key].get_string().get(s)) return {};
  return s;
}

// An object field of an object; false when it is missing or not an object.
bool object_field(dom::object o, std::string_view key, dom::object& out) {
  return o[key].get_object().get(out) == simdjson::SUCCESS;
}

Side side_from_role(std::string_view role) {
  if (role == "user") return Side::user;
  if (role == "bot" || role == "skill") return Side::bot;
  return Side::unknown;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// A name that clearly says which side it is: exactly "user" or "bot" (any case); with
// `bot_suffix`, also a name ending in "bot" ("LulaBot").
Side side_from_name(std::string_view name, bool bot_suffix) {
  if (iequals(name, "user")) return Side::user;
  if (iequals(name, "bot")) return Side::bot;
  if (bot_suffix && name.size() > 3 && iequals(name.substr(name.size() - 3), "bot"))
    return Side::bot;
  return Side::unknown;
}

// The speaker of an activity without `from`: the opposite of its addressee. That is
// `recipient`, except in the legacy shape that has a `to`: there `to` is the addressee and
// `recipient` names the speaker.
Side legacy_speaker(dom::object o) {
  dom::object recipient, to;
  const bool has_recipient = object_field(o, "recipient", recipient);
  if (!object_field(o, "to", to)) {
    if (!has_recipient) return Side::unknown;
    const Side s = side_from_role(string_field(recipient, "role"));
    return opposite(s != Side::unknown ? s : side_from_name(string_field(recipient, "name"), true));
  }
  Side s = side_from_role(string_field(to, "role"));
  if (s == Side::unknown) s = side_from_name(string_field(to, "name"), true);
  if (s != Side::unknown) return opposite(s);
  if (!has_recipient) return Side::unknown;
  s = side_from_role(string_field(recipient, "role"));
  return s != Side::unknown ? s : side_from_name(string_field(recipient, "name"), true);
}

Side message_speaker(dom::object o, bool& legacy) {
  dom::object from;
  if (!object_field(o, "from", from)) {
    legacy = true;
    return legacy_speaker(o);
  }
  Side s = side_from_role(string_field(from, "role"));
  if (s != Side::unknown) return s;
  s = side_from_name(string_field(from, "name"), false);
  if (s != Side::unknown) return s;
  dom::object recipient;
  if (object_field(o, "recipient", recipient))
    return opposite(side_from_role(string_field(recipient, "role")));
  return Side::unknown;
}

// "Fri, 23 Feb 2018 19:17:18 GMT" (the weekday is optional), or -1.
std::int64_t parse_rfc1123_ms(std::string_view s) {
  const std::size_t comma = s.find(',');
  if (comma != std::string_view::npos) s.remove_prefix(comma + 1);
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  std::size_t i = 0;
  int day = 0;
  while (i < s.size() && i < 2 && s[i] >= '0' && s[i] <= '9')
    day = day * 10 + (s[i++] - '0');
  if (i == 0 || i + 1 + 3 + 1 + 4 + 1 + 8 > s.size() || s[i] != ' ') return -1;
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string_view mon = s.substr(i + 1, 3);
  int month = 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m)
    if (iequals(kMonths[m], mon)) month = static_cast<int>(m) + 1;
  if (month == 0 || s[i + 4] != ' ' || s[i + 9] != ' ') return -1;
  const std::string_view year = s.substr(i + 5, 4), time = s.substr(i + 10, 8);
  std::string_view zone = s.substr(i + 18);
  while (!zone.empty() && zone.front() == ' ')
    zone.remove_prefix(1);
  if (!zone.empty() && zone != "GMT" && zone != "UTC" && zone != "Z" && zone != "+0000") return -1;
  // As ISO-8601, so that one parser checks the fields.
  char iso[32];
  const auto res = fmt::format_to_n(iso, sizeof iso, "{}-{:02}-{:02}T{}Z", year, month, day, time);
  return parse_timestamp_ms(std::string_view(iso, res.size));
}

std::int64_t parse_time_ms(std::string_view s) {
  const std::int64_t ms = parse_timestamp_ms(s);
  return ms >= 0 ? ms : parse_rfc1123_ms(s);
}

// Builds a turn's text from pieces, joined with a newline, in the arena.
struct TextJoin {
  TextArena& arena;
  bool started = false;
  void add(std::string_view piece) {
    if (piece.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
    if (!started) {
      arena.begin();
      started = true;
    } else {
      arena.append("\n");
    }
    arena.append(piece);
  }
};

// The TextBlocks of adaptive-card elements, depth first (Containers, ColumnSets, Columns).
void adaptive_text(dom::array elements, TextJoin& join, int depth) {
  if (depth > 16) return;
  for (dom::element e : elements) {
    dom::object eo;
    if (e.get_object().get(eo)) continue;
    const std::string_view type = string_field(eo, "type");
    if (type == "TextBlock") {
      join.add(string_field(eo, "text"));
    } else {
      dom::array inner;
      if (eo["items"].get_array().get(inner) == simdjson::SUCCESS)
        adaptive_text(inner, join, depth + 1);
      if (eo["columns"].get_array().get(inner) == simdjson::SUCCESS)
        adaptive_text(inner, join, depth + 1);
    }
  }
}

void card_text(dom::object o, TextJoin& join) {
  dom::array attachments;
  if (o["attachments"].get_array().get(attachments)) return;
  for (dom::element a : attachments) {
    dom::object ao, content;
    if (a.get_object().get(ao) || !object_field(ao, "content", content)) continue;
    const std::string_view type = string_field(ao, "contentType");
    if (type == "application/vnd.microsoft.card.hero" ||
        type == "application/vnd.microsoft.card.thumbnail") {
      join.add(string_field(content, "title"));
      join.add(string_field(content, "subtitle"));
      join.add(string_field(content, "text"));
    } else if (type == "application/vnd.microsoft.card.adaptive") {
      dom::array body;
      if (content["body"].get_array().get(body) == simdjson::SUCCESS) adaptive_text(body, join, 0);
    }
  }
}

struct State {
  std::string_view first_id;
  std::size_t other_ids = 0, no_role = 0;
  bool legacy = false, has_channel = false, has_locale = false;
};

void push_event_turn(Conversation& c, std::int64_t time_ms, EventKind kind, std::string_view name) {
  Turn turn;
  turn.role = Role::bot;
  turn.time_ms = time_ms;
  turn.first_event = static_cast<std::uint32_t>(c.events.size());
  c.events.push_back(Event{kind, name, 0});
  turn.event_count = 1;
  c.turns.push_back(turn);
}

simdjson::error_code read_activity(dom::element v, ReadContext& ctx, Conversation& c, State& st,
                                   std::size_t i) {
  dom::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = fmt::format("activities[{}]: expected an object", i);
    return err;
  }
  std::string_view type, text, speak, name;
  bool has_text = false;
  std::int64_t time_ms = -1;
  for (dom::key_value_pair kv : o) {
    const std::string_view key = kv.key;
    if (key == "type") {
      if (auto err = kv.value.get_string().get(type)) {
        ctx.detail = fmt::format("activities[{}].type: expected a string", i);
        return err;
      }
    } else if (key == "text") {
      if (kv.value.is_null()) continue;
      if (auto err = kv.value.get_string().get(text)) {
        ctx.detail = fmt::format("activities[{}].text: expected a string", i);
        return err;
      }
      has_text = true;
    } else if (key == "speak") {
      if (kv.value.is_string()) speak = kv.value.get_string().value_unsafe();
    } else if (key == "name") {
      if (kv.value.is_string()) name = kv.value.get_string().value_unsafe();
    } else if (key == "timestamp" || (key == "localTimestamp" && time_ms < 0)) {
      // An unparseable time is ignored, as in the other formats.
      if (kv.value.is_string()) time_ms = parse_time_ms(kv.value.get_string().value_unsafe());
    } else if (key == "conversation") {
      dom::object conversation;
      if (kv.value.get_object().get(conversation)) continue;
      const std::string_view id = string_field(conversation, "id");
      if (id.empty()) continue;
      if (st.first_id.empty()) {
        st.first_id = id;
      } else if (id != st.first_id) {
        ++st.other_ids;
      }
    } else if (key == "channelId" && !st.has_channel) {
      if (!kv.value.is_string()) continue;
      c.metadata.push_back({"channel", kv.value.get_string().value_unsafe()});
      st.has_channel = true;
    }
  }

  if (type == "message") {
    if (!st.has_locale) {
      const std::string_view locale = string_field(o, "locale");
      if (!locale.empty()) c.metadata.push_back({"locale", locale});
      st.has_locale = true;  // the first message's locale only
    }
    const Side side = message_speaker(o, st.legacy);
    if (side == Side::unknown) {
      ++st.no_role;
      return simdjson::SUCCESS;
    }
    Turn turn;
    turn.role = side == Side::user ? Role::user : Role::bot;
    turn.time_ms = time_ms;
    turn.first_event = static_cast<std::uint32_t>(c.events.size());
    if (turn.role == Role::bot) {
      TextJoin join{ctx.arena};
      if (has_text) join.add(text);
      card_text(o, join);
      turn.text = join.started ? ctx.arena.finish() : speak;
    } else {
      turn.text = has_text && !text.empty() ? text : speak;
    }
    // Teams and web chat messages may be HTML ("<p>...</p>", "<at>Bot</at>").
    if (looks_like_html(turn.text)) turn.text = html_to_text(turn.text, ctx.arena);
    c.turns.push_back(turn);
  } else if (type == "event" && name == "handoff.initiate") {
    push_event_turn(c, time_ms, EventKind::handoff, name);
  } else if (type == "event" && name == "handoff.status") {
    dom::object value;
    std::string_view state;
    if (object_field(o, "value", value)) state = string_field(value, "state");
    if (state == "accepted" || state == "completed") {
      push_event_turn(c, time_ms, EventKind::handoff, name);
    } else if (state == "failed") {
      push_event_turn(c, time_ms, EventKind::other, "handoff.status.failed");
    }
    // Other states (none documented) say nothing about a handoff: not a turn.
  } else if (type == "handoff") {
    push_event_turn(c, time_ms, EventKind::handoff, "handoff");
  }
  // typing, trace, conversationUpdate, endOfConversation, installationUpdate,
  // messageReaction, other events and unknown types are not turns.
  return simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code read_botframework(dom::array activities, ReadContext& ctx, Conversation& c) {
  State st;
  std::size_t i = 0;
  for (dom::element a : activities) {
    if (auto err = read_activity(a, ctx, c, st, i++)) return err;
  }
  c.id = st.first_id;
  if (c.id.empty()) c.id = ctx.arena.store(fmt::format("{}:{}", ctx.source_name, ctx.line));

  if (st.legacy) {
    ctx.warning =
        "legacy Bot Framework transcript read in degraded mode: no \"from\", speakers taken from "
        "\"to\" and \"recipient\"";
    if (st.other_ids > 0) ctx.warning += "; conversation ids differ per activity";
  } else if (st.other_ids > 0) {
    ctx.warning = fmt::format(
        "Bot Framework transcript: {} activities carry a conversation.id other than the first "
        "(\"{}\"), which is kept",
        st.other_ids, st.first_id.substr(0, 80));
  }
  if (st.no_role > 0) {
    if (!ctx.warning.empty()) ctx.warning += "; ";
    ctx.warning += fmt::format("{} message {} without a determinable speaker skipped", st.no_role,
                               st.no_role == 1 ? "activity" : "activities");
  }
  return simdjson::SUCCESS;
}

simdjson::error_code read_botframework_envelope(dom::object o, ReadContext& ctx, Conversation& c) {
  dom::element content;
  bool has_content = o["content"].get(content) == simdjson::SUCCESS;
  dom::object inner = o;
  if (has_content) {
    if (content.is_string()) {
      // Its own parser: the row's document stays valid for the metadata below. One per thread;
      // the views into it last until this thread reads its next envelope, after the audit.
      thread_local dom::parser nested;
      thread_local std::string bytes;
      bytes.assign(content.get_string().value_unsafe());
      const std::size_t length = bytes.size();
      bytes.append(simdjson::SIMDJSON_PADDING, '\0');
      dom::element doc;
      if (auto err = nested.parse(bytes.data(), length, false).get(doc)) {
        ctx.detail =
            fmt::format("content: a string that is not JSON ({})", simdjson::error_message(err));
        return err;
      }
      content = doc;
    }
    if (auto err = content.get_object().get(inner)) {
      ctx.detail = "content: expected an object with \"activities\"";
      return err;
    }
  }
  dom::array activities;
  if (auto err = inner["activities"].get_array().get(activities)) {
    ctx.detail = has_content ? "content: missing \"activities\" (an array)"
                             : "activities: expected an array";
    return err;
  }
  if (auto err = read_botframework(activities, ctx, c)) return err;
  if (!has_content) return simdjson::SUCCESS;
  const std::string named_by_line = fmt::format("{}:{}", ctx.source_name, ctx.line);
  const bool unnamed = c.id == named_by_line;
  for (dom::key_value_pair kv : o) {
    if (kv.key == "content") continue;
    std::string_view value;
    bool is_null = false;
    if (scalar_text(kv.value, ctx.arena, value, is_null) != simdjson::SUCCESS || is_null ||
        value.empty())
      continue;
    if (unnamed &&
        (kv.key == "conversationtranscriptid" || (kv.key == "name" && c.id == named_by_line))) {
      c.id = value;
      continue;
    }
    c.metadata.push_back({kv.key, value});
  }
  return simdjson::SUCCESS;
}

}  // namespace audit
