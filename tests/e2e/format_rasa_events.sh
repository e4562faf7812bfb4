#!/usr/bin/env bash
# The Rasa event stream (one event per line) through the real binary: interleaved senders are
# grouped by sender_id and split at a session start, actions and bot events merge across rows,
# bad rows are reported with file:line, rows that come back after --group-window are a part of
# their own, --threads changes nothing, and memory stays flat on a long stream.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

stream=tests/fixtures/formats/rasa_events/broker_stream.jsonl

# --- broker_stream.jsonl ----------------------------------------------------------------------
"$BIN" audit "$stream" -f json > "$TMP/stream.json" 2> "$TMP/stream.err"
expect "broker_stream: 25 rows, 3 conversations (web-101, its second session, app-202), 11 turns" \
  grep -q '"records":25,"conversations":3,"turns":11,' "$TMP/stream.json"
expect "broker_stream: 6 user and 5 bot turns" \
  grep -q '"turns_by_role":{"user":6,"bot":5,"agent":0,"system":0}' "$TMP/stream.json"
expect "broker_stream: the two bad rows are skipped (1 invalid_json, 1 invalid_record)" \
  grep -q '"skipped":{"total":2,"unreadable_input":0,"invalid_json":1,"not_an_object":0,"unknown_format":0,"invalid_record":1,' \
  "$TMP/stream.json"
expect "a text that is a number is reported with file:line" \
  grep -qxF "$stream:24: rasa-events row: event.text: expected a string or null" "$TMP/stream.err"
expect "the cut last line is invalid JSON at its line" \
  grep -q "^$stream:25: invalid JSON: " "$TMP/stream.err"
expect "a session start is a split, not a resumed conversation: no warning" \
  bash -c "! grep -q 'resume here' '$TMP/stream.err'"
expect "app-202 asked for a human and was handed over: no missed-escalation" \
  grep -q '"escalation":{"handed_off":1,"handoff_rate":0.3333,"asked_for_human":1}' "$TMP/stream.json"
"$BIN" audit "$stream" -f jsonl > "$TMP/stream.jsonl" 2> /dev/null
expect "only the second session of web-101 has findings" \
  test "$(grep -vc '"conversation_id":"web-101#2"' "$TMP/stream.jsonl")" = 0
expect "web-101#2: two action_default_fallback in a row are a fallback loop" \
  grep -q '"conversation_id":"web-101#2","source":"[^"]*broker_stream.jsonl:16".*"rule":"fallback-loop","severity":"warning","turns":\[1,3\]' \
  "$TMP/stream.jsonl"
expect "web-101#2: repeated failure without a handoff is a missed-escalation" \
  grep -q '"conversation_id":"web-101#2".*"rule":"missed-escalation".*"kind":"repeated-failure"' \
  "$TMP/stream.jsonl"
"$BIN" show web-101 "$stream" > "$TMP/web.txt" 2> /dev/null
expect "web-101's first session: 5 turns from 9 interleaved rows, starting on line 1" \
  bash -c "grep -q '^conversation web-101  .*broker_stream.jsonl:1\$' '$TMP/web.txt' && test \"\$(grep -c '^#[0-9]' '$TMP/web.txt')\" = 5"
expect "web-101: the utter_ action and its bot event are one turn" \
  grep -q '^#1   bot .*Which order is it about?$' "$TMP/web.txt"
expect "web-101: the last turn of the first session is the thanks" \
  grep -q '^#4   user .*great, thanks!$' "$TMP/web.txt"
expect "web-101: input_channel is the channel" grep -qx '  channel: webchat' "$TMP/web.txt"
"$BIN" show 'web-101#2' "$stream" > "$TMP/web2.txt" 2> /dev/null
expect "web-101#2 starts at the session start on line 16 and has 4 turns" \
  bash -c "grep -q '^conversation web-101#2  .*broker_stream.jsonl:16\$' '$TMP/web2.txt' && test \"\$(grep -c '^#[0-9]' '$TMP/web2.txt')\" = 4"
expect "web-101#2: the fallbacks are marked" test "$(grep -c '\[fallback\]' "$TMP/web2.txt")" = 2
"$BIN" show app-202 "$stream" > "$TMP/app.txt" 2> /dev/null
expect "app-202: its rows between web-101's are grouped: 2 turns" \
  test "$(grep -c '^#[0-9]' "$TMP/app.txt")" = 2
expect "app-202: the handoff action marks the bot turn" \
  grep -q '^#1   bot .*Connecting you with a colleague now. \[handoff\]' "$TMP/app.txt"
expect "--input-format rasa-events on standard input" \
  bash -c "'$BIN' audit --input-format rasa-events - -f json < '$stream' 2>/dev/null | grep -q '\"records\":25,\"conversations\":3,\"turns\":11,'"
expect "a stream file is not read as trackers" \
  bash -c "'$BIN' audit --input-format rasa '$stream' -f json 2>/dev/null | grep -q '\"conversations\":0,'"

# --- interleaving, sessions and --group-window -------------------------------------------------
ev() { # ev SENDER EVENT [key=value JSON fragment]
  printf '{"sender_id":"%s","event":"%s"%s}\n' "$1" "$2" "${3:+,$3}"
}
{
  ev a action '"name":"action_session_start"'
  ev b action '"name":"action_session_start"'
  ev a session_started
  ev b session_started
  ev a user '"text":"I need to change my address"'
  ev b user '"text":"what are your opening hours"'
  ev a action '"name":"utter_ask_address"'
  ev b bot '"text":"We are open 9 to 5."'
  ev a bot '"text":"What is the new address?"'
  ev a user '"text":"12 Baker Street"'
  ev a action '"name":"action_session_start"'
  ev b user '"text":"thanks"'
  ev a session_started
  ev a user '"text":"hello again"'
  ev a bot '"text":"Welcome back!"'
  ev c user '"text":"hi"'
  ev c bot '"text":"Hello, how can I help?"'
  ev c user '"text":"nothing"'
  ev b user '"text":"one more thing"'
} > "$TMP/mini.jsonl"
"$BIN" audit "$TMP/mini.jsonl" -f json > "$TMP/mini.json" 2> "$TMP/mini.err"
expect "interleaved senders: a, a#2, b, c: 4 conversations, 12 turns" \
  grep -q '"records":19,"conversations":4,"turns":12,' "$TMP/mini.json"
expect "interleaved senders: no errors, no warnings" test ! -s "$TMP/mini.err"
expect "a's first session: 3 turns (an utter_ action and its bot event are one)" \
  bash -c "test \"\$('$BIN' show a '$TMP/mini.jsonl' | grep -c '^#[0-9]')\" = 3"
expect "a's second session starts at its action_session_start (line 11): 2 turns" \
  bash -c "'$BIN' show 'a#2' '$TMP/mini.jsonl' > '$TMP/a2.txt' && grep -q 'mini.jsonl:11\$' '$TMP/a2.txt' && test \"\$(grep -c '^#[0-9]' '$TMP/a2.txt')\" = 2"
expect "b's rows far apart are still one conversation (default window): 4 turns" \
  bash -c "test \"\$('$BIN' show b '$TMP/mini.jsonl' | grep -c '^#[0-9]')\" = 4"
"$BIN" audit --group-window 4 "$TMP/mini.jsonl" -f json > "$TMP/mini4.json" 2> "$TMP/mini4.err"
expect "--group-window 4: b's last row comes back 7 rows later: b#2 with a warning at line 19" \
  grep -qxF "$TMP/mini.jsonl:19: warning: rows of conversation b#2 resume here after the conversation was complete (more than --group-window rows apart, or over --max-record-size): audited as a part of its own" \
  "$TMP/mini4.err"
expect "--group-window 4: one warning only, 5 conversations" \
  bash -c "test \"\$(wc -l < '$TMP/mini4.err')\" = 1 && grep -q '\"conversations\":5,\"turns\":12,' '$TMP/mini4.json'"
expect "--group-window 4: b#2 is the one late turn" \
  bash -c "'$BIN' show 'b#2' --group-window 4 '$TMP/mini.jsonl' 2>/dev/null | grep -q '^#0   user .*one more thing'"

# --- generated stream: threads and memory ------------------------------------------------------
command -v python3 > /dev/null || { echo "python3 missing: the generated-file checks are skipped"; finish; exit; }
gen_stream() { # gen_stream ROWS FILE: senders 16 at a time, each 2 sessions; some come back late
  python3 - "$1" "$2" << 'EOF'
import json, random, sys
rows, out = int(sys.argv[1]), sys.argv[2]
random.seed(9)
said = ['where is my parcel', 'I want to talk to a human', 'asdfgh', 'thanks!', 'this is useless']
def session(s, t):
    ev = [{'event': 'action', 'name': 'action_session_start'}, {'event': 'session_started'}]
    for k in range(3):
        text = random.choice(said)
        intent = 'nlu_fallback' if text == 'asdfgh' else 'inform'
        ev.append({'event': 'user', 'text': text, 'input_channel': 'rest',
                   'parse_data': {'intent': {'name': intent, 'confidence': 0.5}}})
        action = random.choice(['utter_answer', 'action_default_fallback', 'action_handoff'])
        ev.append({'event': 'action', 'name': action})
        ev.append({'event': 'bot', 'text': 'Sorry?' if 'fallback' in action else 'Here you go.'})
    for e in ev:
        e['sender_id'] = s
        e['timestamp'] = t
    return ev
n, group = 0, 0
with open(out, 'w') as f:
    while n < rows:
        senders = [[e for k in range(2) for e in session(f's{group}-{i}', 1795165200 + group)]
                   for i in range(16)]
        while any(senders):
            live = [q for q in senders if q]
            q = random.choice(live)
            f.write(json.dumps(q.pop(0)) + '\n')
            n += 1
        if group % 40 == 39:  # a sender of long ago comes back without a session start
            f.write(json.dumps({'sender_id': f's{group - 30}-0', 'event': 'user', 'text': 'hello?'}) + '\n')
            n += 1
        group += 1
EOF
}
gen_stream 40000 "$TMP/gen.jsonl"
for args in "-f json" "-f jsonl" "-f text" "-f json --group-window 30"; do
  for threads in 1 2; do
    # shellcheck disable=SC2086
    "$BIN" audit --threads "$threads" $args "$TMP/gen.jsonl" > "$TMP/out.$threads" \
      2> "$TMP/err.$threads" || true
  done
  expect "rasa-events: --threads 2 matches --threads 1 ($args)" cmp -s "$TMP/out.1" "$TMP/out.2"
  expect "rasa-events: stderr matches across threads ($args)" cmp -s "$TMP/err.1" "$TMP/err.2"
done
expect "the generated stream was cut into several batches" \
  test "$(stat -c %s "$TMP/gen.jsonl")" -gt 3000000
expect "the generated stream: the late senders are resumed parts under --group-window 30" \
  grep -q 'resume here' "$TMP/err.1"
groups=$(( $(grep -c '"action_session_start"' "$TMP/gen.jsonl") ))
expect "the generated stream: one conversation per session ($groups)" \
  bash -c "'$BIN' audit '$TMP/gen.jsonl' -f json | grep -q '\"conversations\":$groups,'"

if can_measure_rss; then
  gen_stream 240000 "$TMP/big.jsonl"
  head -n 80000 "$TMP/big.jsonl" > "$TMP/small.jsonl"
  small=$(max_rss "$TMP/small.jsonl" --group-window 200)
  big=$(max_rss "$TMP/big.jsonl" --group-window 200)
  whole=$(max_rss "$TMP/big.jsonl" --group-window 0)
  echo "max RSS: 80k events ${small} KB, 240k events ${big} KB, 240k with --group-window 0 ${whole} KB"
  expect "memory is flat: 240k events take less than 8 MB more than 80k (${small} -> ${big} KB)" \
    test "$big" -lt $((small + 8192))
  expect "memory is bounded by the window: under half of --group-window 0 (${big} vs ${whole} KB)" \
    test "$big" -lt $((whole / 2))
fi
# Handoff names: the defaults (handoff, human), and --handoff-name replacing them.
cat > "$TMP/names.jsonl" <<'ROWS'
{"sender_id":"a","event":"user","text":"hi there","parse_data":{"intent":{"name":"request_human","confidence":0.9}}}
{"sender_id":"a","event":"bot","text":"I can help with orders and returns."}
{"sender_id":"a","event":"user","text":"ok"}
{"sender_id":"b","event":"user","text":"hello","parse_data":{"intent":{"name":"greet","confidence":0.9}}}
{"sender_id":"b","event":"action","name":"action_transfer_to_live_agent"}
{"sender_id":"b","event":"bot","text":"One moment."}
ROWS
"$BIN" audit "$TMP/names.jsonl" -f jsonl > "$TMP/names.out"
expect "an intent named like a handoff (request_human) left unanswered is a missed escalation" \
  grep -q '"conversation_id":"a".*"rule":"missed-escalation".*"kind":"request"' "$TMP/names.out"
expect "by default a live_agent action is not a handoff" \
  bash -c "'$BIN' audit '$TMP/names.jsonl' -f json | grep -q '\"handed_off\":0,'"
expect "--handoff-name live_agent makes it one" \
  bash -c "'$BIN' audit '$TMP/names.jsonl' --handoff-name live_agent -f json | grep -q '\"handed_off\":1,'"
finish
