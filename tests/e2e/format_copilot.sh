#!/usr/bin/env bash
# Copilot Studio transcripts (Dataverse ConversationTranscript rows, content as a JSON string)
# and Direct Line envelopes through the real binary: detection, ids, handoff.initiate preventing
# a missed-escalation, an ignored request producing one.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

dir=tests/fixtures/formats/copilot
"$BIN" audit "$dir" -f json > "$TMP/all.json"
expect "the folder is 3 conversations, 12 turns" grep -q '"conversations":3,"turns":12,' "$TMP/all.json"
expect "4 user and 8 bot turns" \
  grep -q '"turns_by_role":{"user":4,"bot":8,"agent":0,"system":0}' "$TMP/all.json"
expect "nothing skipped" grep -q '"skipped":{"total":0,' "$TMP/all.json"
expect "the two handoff.initiate events are handoffs" grep -q '"handed_off":2,' "$TMP/all.json"

"$BIN" audit "$dir/conversationtranscripts.jsonl" -f jsonl > "$TMP/rows.jsonl"
expect "the fraud report handed over is not a missed escalation" \
  bash -c "! grep -q '\"conversation_id\":\"8f2e-copilot-41\"' '$TMP/rows.jsonl'"
expect "the ignored operator request is a missed escalation, named by conversationtranscriptid" \
  grep -q '"conversation_id":"b1f0c3aa-0000-4c1e-9a51-000000000042".*"rule":"missed-escalation".*"kind":"request"' \
  "$TMP/rows.jsonl"
"$BIN" show b1f0c3aa-0000-4c1e-9a51-000000000042 "$dir" > "$TMP/show.txt"
expect "show keeps the row's fields as metadata" grep -q '^  schematype: powervirtualagents' "$TMP/show.txt"

expect "--input-format copilot reads the envelope" \
  bash -c "'$BIN' audit --input-format copilot '$dir/directline_envelope.json' -f json | grep -q '\"conversations\":1,\"turns\":4,'"
printf '{"content": "not json"}\n' > "$TMP/bad.jsonl"
"$BIN" audit "$TMP/bad.jsonl" -f json > /dev/null 2> "$TMP/bad.err" || true
expect "a content string that is not JSON is reported with file:line" \
  grep -q 'bad.jsonl:1: copilot record: content: a string that is not JSON' "$TMP/bad.err"
finish
