#!/usr/bin/env bash
# ShareGPT / FastChat records through the real binary: the JSON array and JSONL fixtures, the
# rules on them, --input-format sharegpt, bad records, and FastChat's own sample file when present.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

FIX=tests/fixtures/formats/sharegpt

"$BIN" audit "$FIX/support_chats.json" -f json > "$TMP/array.json"
expect "a JSON array: 4 conversations, 20 turns" grep -q '"conversations":4,"turns":20,' "$TMP/array.json"
expect "a JSON array: system, human and gpt turns mapped to their roles" \
  grep -q '"turns_by_role":{"user":10,"bot":9,"agent":0,"system":1}' "$TMP/array.json"
expect "a JSON array: no record skipped" grep -q '"skipped":{"total":0,' "$TMP/array.json"
"$BIN" audit "$FIX/support_chats.jsonl" -f json > "$TMP/lines.json"
expect "JSONL: 3 conversations, 11 turns" grep -q '"conversations":3,"turns":11,' "$TMP/lines.json"
expect "JSONL: user/assistant turns mapped to their roles" \
  grep -q '"turns_by_role":{"user":6,"bot":5,"agent":0,"system":0}' "$TMP/lines.json"
expect "JSONL: no record skipped" grep -q '"skipped":{"total":0,' "$TMP/lines.json"
"$BIN" audit "$FIX" -f json > "$TMP/dir.json"
expect "a directory: both files detected as ShareGPT" grep -q '"conversations":7,"turns":31,' "$TMP/dir.json"

"$BIN" audit "$FIX/support_chats.json" -f jsonl > "$TMP/array.jsonl"
expect "an ignored request for a human is a missed-escalation" \
  grep -q '"conversation_id":"sg-ret-002".*"rule":"missed-escalation".*"kind":"request"' "$TMP/array.jsonl"
expect "two \"Sorry, I didn't understand\" in a row are a fallback-loop (the system turn is #0)" \
  grep -q '"conversation_id":"sg-tel-003".*"rule":"fallback-loop".*"turns":\[2,4\]' "$TMP/array.jsonl"
expect "the clean conversations have no finding" \
  bash -c "! grep -qE '\"conversation_id\":\"(sg-ret-001|sg-bill-004)\"' '$TMP/array.jsonl'"
"$BIN" audit "$FIX/support_chats.jsonl" -f jsonl > "$TMP/lines.jsonl"
expect "JSONL: a numeric id names the conversation; missed-escalation" \
  grep -q '"conversation_id":"301".*"rule":"missed-escalation".*"kind":"request"' "$TMP/lines.jsonl"
expect "JSONL: a record without id is file:line; fallback-loop" \
  grep -q "\"conversation_id\":\"$FIX/support_chats.jsonl:2\".*\"rule\":\"fallback-loop\"" "$TMP/lines.jsonl"
expect "JSONL: the clean conversation has no finding" \
  bash -c "! grep -q '\"conversation_id\":\"sg-303\"' '$TMP/lines.jsonl'"
expect "show marks the ignored request" \
  bash -c "'$BIN' show sg-ret-002 '$FIX' | grep -q 'talk to a real person. \[asks for a human\]'"

expect "--input-format sharegpt is accepted" \
  bash -c "'$BIN' audit --input-format sharegpt '$FIX/support_chats.json' -f json > '$TMP/forced.json'"
expect "--input-format sharegpt reads the JSON array" \
  grep -q '"conversations":4,"turns":20,' "$TMP/forced.json"
expect "--input-format sharegpt is in the settings" grep -q '"input_format":"sharegpt"' "$TMP/forced.json"
expect "--input-format sharegpt reads stdin" \
  bash -c "'$BIN' audit --input-format sharegpt -f json - < '$FIX/support_chats.jsonl' | grep -q '\"conversations\":3,\"turns\":11,'"
expect "--input-format sharegpt applies to records of another format" \
  bash -c "'$BIN' audit --input-format sharegpt -f json samples/retail_orders.jsonl 2>&1 >/dev/null | grep -q 'sharegpt record: missing \"conversations\"'"

{
  echo '{"id": "ok", "conversations": [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "Hello!"}]}'
  echo '{"id": "w", "conversations": [{"from": "human", "value": "hi"}, {"from": "wizard", "value": "x"}]}'
  echo '{"id": "v", "conversations": [{"from": "human", "value": 5}]}'
  echo '{"id": "e", "conversations": []}'
} > "$TMP/bad.jsonl"
"$BIN" audit "$TMP/bad.jsonl" -f json > "$TMP/bad.json" 2> "$TMP/bad.err" || true
expect "bad records are skipped and counted by reason" \
  grep -q '"skipped":{"total":3,.*"invalid_record":2,"record_too_large":0,"empty_conversation":1}' "$TMP/bad.json"
expect "the good record of that file is audited" grep -q '"conversations":1,"turns":2,' "$TMP/bad.json"
expect "an unknown speaker names the field" \
  grep -q 'bad.jsonl:2: sharegpt record: conversations\[1\].from: unknown speaker "wizard"' "$TMP/bad.err"
expect "a value of the wrong type names the field" \
  grep -q 'bad.jsonl:3: sharegpt record: conversations\[0\].value' "$TMP/bad.err"

DUMMY=$SHARED/formats/sharegpt/dummy_conversation.json
if [ -f "$DUMMY" ]; then
  "$BIN" audit "$DUMMY" -f json > "$TMP/dummy.json"
  expect "FastChat's dummy_conversation.json: 500 conversations, 2000 turns" \
    grep -q '"records":500,"conversations":500,"turns":2000,' "$TMP/dummy.json"
  expect "FastChat's dummy_conversation.json: 1000 human and 1000 gpt turns" \
    grep -q '"turns_by_role":{"user":1000,"bot":1000,"agent":0,"system":0}' "$TMP/dummy.json"
  expect "FastChat's dummy_conversation.json: no record skipped" \
    grep -q '"skipped":{"total":0,' "$TMP/dummy.json"
  expect "FastChat's dummy_conversation.json: the counts match the file's own" \
    python3 - "$DUMMY" "$TMP/dummy.json" <<'PY'
import json, sys
src = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))["summary"]
assert len(src) == s["records"] == s["conversations"] == 500, s
assert sum(len(c["conversations"]) for c in src) == s["turns"] == 2000, s
assert s["skipped"]["total"] == 0, s["skipped"]
PY
fi
finish
