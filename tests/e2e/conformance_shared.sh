#!/usr/bin/env bash
# Conformance with real exports: every file of ../shared/data/formats (real files from Microsoft,
# Rasa, AWS, OpenAI and FastChat repositories; see its README) read with the right number of
# conversations and turns, the right roles and the right handoffs. Skips (77) without ../shared.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

formats=$SHARED/formats
if [ ! -d "$formats" ]; then
  echo "conformance_shared: $formats is absent; skipped"
  exit 77
fi

# file | conversations turns | user bot agent system | handed off | skipped | why these numbers
while IFS='|' read -r file conversations turns user bot agent system handed skipped why; do
  [ -z "$file" ] && continue
  path=$formats/$file
  if [ ! -f "$path" ]; then
    expect "$file is in ../shared (README lists it)" false
    continue
  fi
  "$BIN" audit "$path" -f json > "$TMP/out.json" 2> "$TMP/err.txt" || true
  got=$(python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))['summary']
r = s['turns_by_role']
print(s['conversations'], s['turns'], r['user'], r['bot'], r['agent'], r['system'],
      s['escalation']['handed_off'], s['skipped']['total'])" "$TMP/out.json")
  want="$conversations $turns $user $bot $agent $system $handed $skipped"
  expect "$file: $why (want '$want', got '$got')" test "$got" = "$want"
done <<'TABLE'
botframework-transcript/HotelReservation.transcript|1|13|4|9|0|0|0|0|13 message activities: 9 bot, 4 user; typing and conversationUpdate are not turns
botframework-transcript/addItemWithButton.transcript|1|5|2|3|0|0|0|0|5 messages: 3 bot, 2 user; the 6 Bot State traces are not turns
botframework-transcript/chatdown-test-sample.transcript|1|11|2|9|0|0|0|0|11 messages: 9 bot (cards), 2 user
botframework-transcript/chatdown-legacy-sample.transcript|1|5|2|3|0|0|0|0|the legacy file, degraded: speakers from to/recipient
rasa-tracker/tracker_moodbot.json|1|4|2|2|0|0|0|0|2 user events and 2 text-less utter_ actions (no bot events)
amazon-connect-contact-lens/contact-lens-example-output-files-chat.original.json|1|32|13|3|15|1|1|0|13 customer and 15 agent messages, 3 bot prompts before the agent joins (the handoff)
openai-chat-messages/toy_chat_fine_tuning.jsonl|5|19|7|8|0|4|0|0|5 conversations, 19 messages (4 system prompts)
sharegpt/dummy_conversation.json|500|2000|1000|1000|0|0|0|0|500 conversations of 2 human + 2 gpt turns
TABLE

# The whole folder at once: every file read, the legacy one with a warning, nothing skipped.
"$BIN" audit "$formats" -f json > "$TMP/all.json" 2> "$TMP/all.err" || true
expect "the folder is 511 conversations, 2089 turns" \
  grep -q '"conversations":511,"turns":2089,' "$TMP/all.json"
expect "nothing in the folder is skipped" grep -q '"skipped":{"total":0,' "$TMP/all.json"
expect "the legacy transcript is read with a warning" \
  grep -q 'chatdown-legacy-sample.transcript:1: warning: legacy Bot Framework transcript read in degraded mode' \
  "$TMP/all.err"
expect "only the legacy transcript warns" test "$(grep -c 'warning' "$TMP/all.err")" = 1
finish
