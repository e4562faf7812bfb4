#!/usr/bin/env bash
# Rasa trackers through the real binary: detection by the `events` key, turn counts, fallback and
# handoff actions as platform events, --input-format rasa, and Rasa's own example tracker.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

dir=tests/fixtures/formats/rasa
support=$dir/support_tracker.json
trackers=$dir/trackers.jsonl
no_skips='"skipped":{"total":0,'

"$BIN" audit "$dir" -f json > "$TMP/all.json"
expect "the fixture folder is 3 conversations, 16 turns" \
  grep -q '"conversations":3,"turns":16,' "$TMP/all.json"
expect "the fixture folder: 8 user and 8 bot turns" \
  grep -q '"turns_by_role":{"user":8,"bot":8,"agent":0,"system":0}' "$TMP/all.json"
expect "the fixture folder has no skipped record" grep -q "$no_skips" "$TMP/all.json"

"$BIN" audit "$support" -f json > "$TMP/support.json"
expect "a pretty-printed tracker is one conversation; an action and its bot event one turn" \
  grep -q '"conversations":1,"turns":8,' "$TMP/support.json"
expect "the tracker's sender_id is the conversation id" \
  grep -q '"conversation_id":"support-7f3a"' "$TMP/support.json"
expect "two action_default_fallback in a row are a fallback loop" \
  grep -q '"rule":"fallback-loop","severity":"warning","turns":\[3,5\]' "$TMP/support.json"
expect "action_handoff answers the request for a human: no missed-escalation" \
  bash -c "! grep -q '\"rule\":\"missed-escalation\"' '$TMP/support.json'"
expect "action_handoff counts as a handoff" grep -q '"handed_off":1,' "$TMP/support.json"
"$BIN" show support-7f3a "$support" > "$TMP/show.txt"
expect "show marks the handoff action's turn" grep -q '^#7 .*\[handoff\]' "$TMP/show.txt"
expect "show keeps latest_input_channel as the channel" grep -q '^  channel: webchat' "$TMP/show.txt"

"$BIN" audit "$trackers" -f json > "$TMP/trackers.json"
expect "trackers.jsonl is 2 conversations, 8 turns" \
  grep -q '"conversations":2,"turns":8,' "$TMP/trackers.json"
expect "trackers.jsonl has no skipped record" grep -q "$no_skips" "$TMP/trackers.json"
"$BIN" audit "$trackers" -f jsonl > "$TMP/trackers.jsonl"
expect "the ignored request for a human is one missed-escalation" \
  test "$(grep -c '"rule":"missed-escalation"' "$TMP/trackers.jsonl")" = 1
expect "the missed-escalation is billing-b2's request" \
  grep -q '"conversation_id":"billing-b2".*"rule":"missed-escalation".*"kind":"request"' \
  "$TMP/trackers.jsonl"
expect "the satisfied customer (text-less utter_ turns) has no finding" \
  bash -c "! grep -q '\"conversation_id\":\"billing-a1\"' '$TMP/trackers.jsonl'"

"$BIN" audit --input-format rasa "$dir" -f json > "$TMP/forced.json" 2> "$TMP/forced.err" || true
expect "--input-format rasa reads the fixtures" \
  grep -q '"conversations":3,"turns":16,' "$TMP/forced.json"
expect "--input-format rasa on stdin" \
  bash -c "'$BIN' audit --input-format rasa - -f json < '$trackers' | grep -q '\"conversations\":2,\"turns\":8,'"
expect "--input-format native on a tracker is an invalid record" \
  bash -c "'$BIN' audit --input-format native '$trackers' -f json 2>/dev/null | grep -q '\"invalid_record\":2'"

moodbot=$SHARED/formats/rasa-tracker/tracker_moodbot.json
if [ -f "$moodbot" ]; then
  # Its bot turns come only from utter_ actions (it has no bot events): count them in the file.
  counts=$(python3 -c "
import json, sys
ev = json.load(open(sys.argv[1]))['events']
users = sum(e['event'] == 'user' for e in ev)
utters = sum(e['event'] == 'action' and e['name'].startswith('utter_') for e in ev)
bots = sum(e['event'] == 'bot' for e in ev)
print(users, utters, bots)" "$moodbot")
  read -r users utters bots <<< "$counts"
  expect "Rasa's moodbot tracker has 2 user events, utter_ actions and no bot event" \
    test "$users $bots" = "2 0" -a "$utters" -gt 0
  "$BIN" audit "$moodbot" -f json > "$TMP/moodbot.json"
  expect "moodbot: 1 conversation, one turn per user event and per utter_ action" \
    grep -q "\"conversations\":1,\"turns\":$((users + utters))," "$TMP/moodbot.json"
  expect "moodbot: 2 user turns and $utters bot turns" \
    grep -q "\"turns_by_role\":{\"user\":2,\"bot\":$utters," "$TMP/moodbot.json"
  expect "moodbot: no skipped record" grep -q "$no_skips" "$TMP/moodbot.json"
  expect "moodbot: sender_id is the id" \
    bash -c "'$BIN' show mysender '$moodbot' | grep -q '^conversation mysender'"
fi
finish
