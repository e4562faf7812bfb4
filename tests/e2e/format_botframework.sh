#!/usr/bin/env bash
# Bot Framework transcripts through the real binary: a .transcript (or a .json array of
# activities) is one conversation; counts, handoff events, --input-format and, when the shared
# data is there, the four real transcripts (one of them the legacy, non-conforming shape).
set -euo pipefail
source "$(dirname "$0")/lib.bash"

BF=tests/fixtures/formats/botframework

# summary_field FILE EXPRESSION: evaluates EXPRESSION on the JSON report's summary `s`
summary_field() {
  python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['summary']; print($2)" "$1"
}

# --- fixtures ----------------------------------------------------------------------------------
"$BIN" audit -f json "$BF/handoff.transcript" > "$TMP/ho.json"
expect "botframework: handoff.transcript is one conversation" grep -q '"conversations":1,' "$TMP/ho.json"
expect "botframework: handoff.transcript has 7 turns (typing and conversationUpdate are not turns)" \
  grep -q '"turns":7,' "$TMP/ho.json"
expect "botframework: handoff.transcript turns by role (the two handoff events are bot turns)" \
  test "$(summary_field "$TMP/ho.json" "s['turns_by_role']")" = \
  "{'user': 2, 'bot': 5, 'agent': 0, 'system': 0}"
expect "botframework: handoff.initiate is a handoff" \
  test "$(summary_field "$TMP/ho.json" "s['escalation']['handed_off']")" = 1
expect "botframework: handoff.initiate after the request prevents missed-escalation" \
  test "$(summary_field "$TMP/ho.json" "s['rules']['missed-escalation']['conversations']")" = 0
expect "botframework: no warning on a conforming transcript" \
  test -z "$("$BIN" audit -f json "$BF/handoff.transcript" 2>&1 >/dev/null)"

"$BIN" show bf-handoff-1 "$BF/" -f json > "$TMP/ho-show.json"
expect "botframework: roles, handoff turn, times and metadata as shown" \
  python3 -c "
import json
d = json.load(open('$TMP/ho-show.json'))
roles = [t['role'] for t in d['turns']]
assert roles == ['bot', 'user', 'bot', 'user', 'bot', 'bot', 'bot'], roles
assert d['turns'][5]['handoff'] and d['turns'][5]['text'] == ''
assert d['turns'][0]['time_ms'] == 1714641241200, d['turns'][0]['time_ms']
assert d['metadata'] == {'channel': 'webchat', 'locale': 'en-GB'}, d['metadata']
"

"$BIN" audit -f json "$BF/no_handoff.transcript" > "$TMP/nh.json"
expect "botframework: no_handoff.transcript has 6 turns" grep -q '"turns":6,' "$TMP/nh.json"
expect "botframework: no handoff event: one missed-escalation" \
  test "$(summary_field "$TMP/nh.json" "s['rules']['missed-escalation']['conversations']")" = 1
expect "botframework: the missed escalation is the customer's request" \
  bash -c "'$BIN' audit -f jsonl '$BF/no_handoff.transcript' | grep 'missed-escalation' | grep -q '\"kind\":\"request\"'"
expect "botframework: the hero card text is the bot's turn" \
  bash -c "'$BIN' show bf-no-handoff-1 '$BF/no_handoff.transcript' | grep -q 'Billing help / Self-service options'"

"$BIN" audit -f json "$BF/emulator_style.json" > "$TMP/em.json"
expect "botframework: a .json array of activities is ONE conversation" \
  grep -q '"conversations":1,' "$TMP/em.json"
expect "botframework: emulator_style.json has 5 turns (typing and trace are not turns)" \
  grep -q '"turns":5,' "$TMP/em.json"
expect "botframework: emulator_style.json nothing skipped" \
  test "$(summary_field "$TMP/em.json" "s['skipped']['total']")" = 0
expect "botframework: the Emulator's conversation id, adaptive card text joined" \
  bash -c "'$BIN' show '5b1c0e20-e6f1-11ee-9a41-2f7c1d0a9e11|livechat' '$BF/emulator_style.json' | grep -q 'Opening hours / Sunday: 11:00 to 17:00 / Holidays may differ.'"

"$BIN" audit -f json "$BF/" > "$TMP/dir.json"
expect "botframework: the fixture directory: 3 conversations, 18 turns" \
  bash -c "grep -q '\"conversations\":3,' '$TMP/dir.json' && grep -q '\"turns\":18,' '$TMP/dir.json'"
expect "--input-format botframework reads the files" \
  bash -c "'$BIN' audit -f json --input-format botframework '$BF/' | grep -q '\"conversations\":3,'"
printf '%s\n' '[{"type": "message", "channelId": "test", "from": {"role": "user"}, "text": 7}]' \
  > "$TMP/bad-text.transcript"
expect "botframework: a wrongly typed text is an invalid record naming activities[0].text" \
  bash -c "'$BIN' audit '$TMP/bad-text.transcript' 2>&1 >/dev/null | grep -q 'botframework record: activities\[0\].text'"

# --- the real transcripts (shared data) --------------------------------------------------------
REAL=$SHARED/formats/botframework-transcript
if [ -d "$REAL" ]; then
  "$BIN" audit -f json "$REAL/" > "$TMP/real.json" 2> "$TMP/real.err"
  expect "real transcripts: 4 conversations" grep -q '"conversations":4,' "$TMP/real.json"
  expect "real transcripts: none skipped" \
    test "$(summary_field "$TMP/real.json" "s['skipped']['total']")" = 0
  # turns_of FILE: turns by role of one file, as "total user bot"
  turns_of() {
    "$BIN" audit -f json "$REAL/$1" 2>/dev/null > "$TMP/one.json"
    summary_field "$TMP/one.json" "f\"{s['turns']} {s['turns_by_role']['user']} {s['turns_by_role']['bot']}\""
  }
  expect "HotelReservation: 13 message activities, 4 user, 9 bot" \
    test "$(turns_of HotelReservation.transcript)" = "13 4 9"
  expect "addItemWithButton: 5 messages, 2 user, 3 bot (trace Bot State dumps skipped)" \
    test "$(turns_of addItemWithButton.transcript)" = "5 2 3"
  expect "chatdown-test-sample: 11 messages, 2 user, 9 bot" \
    test "$(turns_of chatdown-test-sample.transcript)" = "11 2 9"
  expect "chatdown-legacy-sample: 5 messages, 2 user, 3 bot (degraded mode)" \
    test "$(turns_of chatdown-legacy-sample.transcript)" = "5 2 3"
  expect "real transcripts: 34 turns in all" grep -q '"turns":34,' "$TMP/real.json"
  expect "legacy transcript: a warning on stderr" \
    grep -q 'chatdown-legacy-sample.transcript:1: warning: legacy Bot Framework transcript' "$TMP/real.err"
  expect "legacy transcript: the only warning" test "$(wc -l < "$TMP/real.err")" = 1
  expect "legacy transcript: no crash, exit code 0 or 1" \
    bash -c "c=\$('$BIN' audit '$REAL/chatdown-legacy-sample.transcript' >/dev/null 2>&1; echo \$?); [ \"\$c\" -le 1 ]"
  expect "legacy transcript: the speakers alternate bot, user, bot, user, bot" \
    bash -c "'$BIN' show 0 '$REAL/chatdown-legacy-sample.transcript' -f json 2>/dev/null | python3 -c \"
import json, sys
d = json.load(sys.stdin)
assert [t['role'] for t in d['turns']] == ['bot', 'user', 'bot', 'user', 'bot']
assert d['turns'][0]['time_ms'] == 1519413438000
\""
  expect "Emulator transcript: the id keeps its |livechat suffix" \
    bash -c "'$BIN' show '83fa1400-e127-11ea-8037-9fd05751be53|livechat' '$REAL/' 2>/dev/null | grep -q '^conversation 83fa1400'"
fi

finish
