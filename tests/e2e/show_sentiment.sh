#!/usr/bin/env bash
# chataudit show and chataudit sentiment through the real binary.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

"$BIN" show ret-011 samples/ > "$TMP/show.txt"
expect "show prints the conversation header" grep -q '^conversation ret-011  samples/retail_orders.jsonl:11' "$TMP/show.txt"
expect "show prints every turn with its score" test "$(grep -c '^#[0-9]' "$TMP/show.txt")" = 7
expect "show pins findings under their turns" grep -q '^      ^ missed-escalation (error)' "$TMP/show.txt"
expect "show marks a request for a human" grep -q '\[asks for a human\]' "$TMP/show.txt"
expect "show lists the findings in full" grep -q '^  negative-ending' "$TMP/show.txt"
"$BIN" show ret-011 samples/ -f json > "$TMP/show.json"
expect "show -f json is one object with the turns and findings" \
  python3 -c "import json,sys; d=json.load(open('$TMP/show.json')); assert d['conversation_id']=='ret-011' and len(d['turns'])==7 and d['findings']"
expect "show finds ids that are file:line" \
  bash -c "'$BIN' show samples/banking_openai.jsonl:5 samples/banking_openai.jsonl | grep -q fallback-loop"
expect "show reads stdin" bash -c "'$BIN' show tel-004 - < samples/telecom_support.jsonl | grep -q bot-loop"
expect "show of an unknown id exits 2" test "$(exit_code_of "$BIN" show nope samples/)" = 2
expect "show without an id is a usage error" test "$(exit_code_of "$BIN" show)" = 2
expect "show respects --set" \
  bash -c "! '$BIN' show ret-011 samples/ --disable missed-escalation | grep -q 'missed-escalation'"

printf 'this is useless\nthanks, that fixed it!\nmy order number is 4471902\n' > "$TMP/m.txt"
"$BIN" sentiment "$TMP/m.txt" > "$TMP/scores"
expect "sentiment prints one line per message" test "$(wc -l < "$TMP/scores")" = 3
expect "sentiment: negative" bash -c "sed -n 1p '$TMP/scores' | grep -q '^-0\.[3-9]'"
expect "sentiment: positive" bash -c "sed -n 2p '$TMP/scores' | grep -q '^+0\.[3-9]'"
expect "sentiment: neutral" bash -c "sed -n 3p '$TMP/scores' | grep -q '^+0\.0000'"
expect "sentiment reads stdin" bash -c "'$BIN' sentiment < '$TMP/m.txt' | cmp -s - '$TMP/scores'"
expect "sentiment --bench prints messages per second" \
  bash -c "'$BIN' sentiment --bench --seconds 0.2 '$TMP/m.txt' | grep -q messages_per_second"
printf 'useless\t3.5\n' > "$TMP/flip.tsv"
expect "--lexicon overrides a built-in valence" \
  bash -c "echo useless | '$BIN' sentiment --lexicon '$TMP/flip.tsv' | grep -q '^+0\.'"
if [ -f "$SHARED/lexicons/vader_lexicon.txt" ]; then
  expect "VADER's own lexicon file loads as a --lexicon drop-in" \
    bash -c "'$BIN' sentiment --lexicon '$SHARED/lexicons/vader_lexicon.txt' < '$TMP/m.txt' | wc -l | grep -qx 3"
fi
finish
