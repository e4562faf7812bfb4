#!/usr/bin/env bash
# Dialogflow CX BigQuery rows through the real binary: rows grouped by conversation_name and put
# in turn_position order, JSON columns as objects or strings, and the platform's signals:
# agentEscalated prevents a missed-escalation, userEscalated without a handoff is one (request).
# Bad rows are reported with file:line, --group-window splits, and --threads changes nothing.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

dir=tests/fixtures/formats/dialogflow
export_=$dir/bigquery_export.jsonl
signals=$dir/signals_only.jsonl
session=projects/acme-support/locations/global/agents/7b1c/sessions
sig=projects/acme/locations/global/agents/a1/sessions
no_skips='"skipped":{"total":0,'

# --- bigquery_export.jsonl --------------------------------------------------------------------
"$BIN" audit "$export_" -f json > "$TMP/export.json" 2> "$TMP/export.err"
expect "bigquery_export: 9 rows, 3 conversations, 16 turns" \
  grep -q '"records":9,"conversations":3,"turns":16,' "$TMP/export.json"
expect "bigquery_export: 7 user and 9 bot turns" \
  grep -q '"turns_by_role":{"user":7,"bot":9,"agent":0,"system":0}' "$TMP/export.json"
expect "bigquery_export: nothing skipped, nothing on stderr" \
  bash -c "grep -q '$no_skips' '$TMP/export.json' && test ! -s '$TMP/export.err'"
expect "bigquery_export: one handoff (s-ok), two requests for a human" \
  grep -q '"escalation":{"handed_off":1,"handoff_rate":0.3333,"asked_for_human":2}' "$TMP/export.json"
"$BIN" audit "$export_" -f jsonl > "$TMP/export.jsonl"
expect "s-miss: userEscalated and no handoff is a missed-escalation (request)" \
  grep -q "\"conversation_id\":\"$session/s-miss\".*\"rule\":\"missed-escalation\",\"severity\":\"error\",\"turns\":\[1,2,4\].*\"kind\":\"request\"" \
  "$TMP/export.jsonl"
expect "s-ok: agentEscalated and liveAgentHandoff answer the request: no finding" \
  bash -c "! grep -q '\"conversation_id\":\"$session/s-ok\"' '$TMP/export.jsonl'"
expect "s-nomatch (JSON columns as strings): two NO_MATCH turns are a fallback loop" \
  grep -q "\"conversation_id\":\"$session/s-nomatch\".*\"rule\":\"fallback-loop\",\"severity\":\"warning\",\"turns\":\[1,3\]" \
  "$TMP/export.jsonl"
expect "bigquery_export: exactly 2 findings" test "$(wc -l < "$TMP/export.jsonl")" = 2
"$BIN" show "$session/s-ok" "$export_" > "$TMP/s-ok.txt"
expect "s-ok: rows out of file order are put in turn_position order" \
  bash -c "grep -q '^#0   bot .*Hi! I.m the Acme assistant' '$TMP/s-ok.txt' && grep -q '^#1   user .*refund that never arrived' '$TMP/s-ok.txt'"
expect "s-ok: userEscalated marks the user turn" \
  grep -q '^#3   user .*I want a person to look at it \[asks for a human\]' "$TMP/s-ok.txt"
expect "s-ok: the handoff marks the bot turn" \
  grep -q '^#4   bot .*Let me transfer you to an agent. \[handoff\]' "$TMP/s-ok.txt"
expect "s-ok: 5 turns (the welcome event makes no user turn)" \
  test "$(grep -c '^#[0-9]' "$TMP/s-ok.txt")" = 5
expect "s-ok: language_code is the locale, project_id and agent_id are metadata" \
  bash -c "grep -qx '  locale: en' '$TMP/s-ok.txt' && grep -qx '  project_id: acme-support' '$TMP/s-ok.txt' && grep -qx '  agent_id: 7b1c' '$TMP/s-ok.txt'"
expect "s-ok's first row is on line 1 of the file" grep -q "^conversation $session/s-ok  $export_:1\$" "$TMP/s-ok.txt"
"$BIN" show "$session/s-nomatch" "$export_" > "$TMP/s-nomatch.txt"
expect "s-nomatch: the fallbacks are marked" \
  test "$(grep -c '\[fallback\]' "$TMP/s-nomatch.txt")" = 2
expect "s-nomatch: escaped text in a string column is unescaped" \
  grep -q '^#4   user .*ya encontré la respuesta, gracias' "$TMP/s-nomatch.txt"

# --- the signals alone decide ------------------------------------------------------------------
"$BIN" audit "$signals" -f jsonl > "$TMP/signals.jsonl"
expect "signals_only: userEscalated with no handoff is a missed-escalation (request)" \
  grep -q "\"conversation_id\":\"$sig/s-ignored\".*\"rule\":\"missed-escalation\",\"severity\":\"error\",\"turns\":\[2,3,5\].*\"kind\":\"request\"" \
  "$TMP/signals.jsonl"
expect "signals_only: agentEscalated prevents the missed-escalation" \
  bash -c "! grep -q '\"conversation_id\":\"$sig/s-handed\"' '$TMP/signals.jsonl'"
expect "signals_only: exactly one finding" test "$(wc -l < "$TMP/signals.jsonl")" = 1
sed -e 's/"agentEscalated": true/"agentEscalated": false/' "$signals" > "$TMP/no_agent.jsonl"
expect "control: without agentEscalated, s-handed's request is missed" \
  bash -c "'$BIN' audit '$TMP/no_agent.jsonl' -f jsonl | grep -q '\"conversation_id\":\"$sig/s-handed\".*\"rule\":\"missed-escalation\".*\"kind\":\"request\"'"
sed -e 's/"userEscalated": true/"userEscalated": false/' \
  -e 's/\\"userEscalated\\": true/\\"userEscalated\\": false/' "$signals" > "$TMP/no_user.jsonl"
expect "control: without userEscalated the same words are no request" \
  bash -c "test -z \"\$('$BIN' audit '$TMP/no_user.jsonl' -f jsonl)\""
"$BIN" show "$sig/s-handed" "$signals" > "$TMP/s-handed.txt"
expect "signals_only: agentEscalated alone marks a handoff" \
  grep -q '^#3   bot .*One moment please. \[handoff\]' "$TMP/s-handed.txt"
expect "signals_only: a handoff is counted" \
  bash -c "'$BIN' audit '$signals' -f json | grep -q '\"handed_off\":1,'"

# --- forced format, stdin, bad rows ------------------------------------------------------------
expect "--input-format dialogflow reads the export" \
  bash -c "'$BIN' audit --input-format dialogflow '$export_' -f json | grep -q '\"conversations\":3,\"turns\":16,'"
expect "Dialogflow rows on standard input" \
  bash -c "'$BIN' audit - -f json < '$export_' | grep -q '\"conversations\":3,\"turns\":16,'"
{
  cat "$signals"
  echo '{"turn_position":1,"request":{"queryInput":{"text":{"text":"who am I"}}}}'
  echo '{"conversation_name":"'"$sig"'/s-ignored","turn_position":{"n":4},"request":{"queryInput":{"text":{"text":"?"}}}}'
  echo '{"conversation_name":"'"$sig"'/s-bad","turn_position":1,"request":"{not json"}'
  echo '{"conversation_name":"'"$sig"'/s-cut","turn_position":1,'
} > "$TMP/broken.jsonl"
"$BIN" audit "$TMP/broken.jsonl" -f json > "$TMP/broken.json" 2> "$TMP/broken.err" || true
expect "a row without conversation_name is reported with its line" \
  grep -qxF "$TMP/broken.jsonl:6: dialogflow row: missing \"conversation_name\"" "$TMP/broken.err"
expect "a wrongly typed turn_position is reported with its line" \
  grep -qxF "$TMP/broken.jsonl:7: dialogflow row: turn_position: expected an integer" "$TMP/broken.err"
expect "a string column that is not JSON is reported with its line" \
  grep -q "^$TMP/broken.jsonl:8: dialogflow row: request: a string that is not JSON (" "$TMP/broken.err"
expect "a cut row is invalid JSON at its line" \
  grep -q "^$TMP/broken.jsonl:9: invalid JSON: " "$TMP/broken.err"
expect "the bad rows are skipped, the rest audited: 9 rows, 2 conversations, 10 turns" \
  grep -q '"records":9,"conversations":2,"turns":10,' "$TMP/broken.json"
expect "the bad rows are counted: 3 invalid_record, 1 invalid_json" \
  grep -q '"skipped":{"total":4,"unreadable_input":0,"invalid_json":1,"not_an_object":0,"unknown_format":0,"invalid_record":3,' \
  "$TMP/broken.json"
expect "s-ignored is still flagged despite its bad row" \
  bash -c "'$BIN' audit '$TMP/broken.jsonl' -f jsonl 2>/dev/null | grep -q '\"conversation_id\":\"$sig/s-ignored\".*\"kind\":\"request\"'"

# --- --group-window and threads on a generated export ------------------------------------------
expect "--group-window 1: s-ignored's rows are 2 apart: split into parts with a warning" \
  bash -c "'$BIN' audit --group-window 1 '$signals' 2>&1 >/dev/null | grep -qF \"$signals:3: warning: rows of conversation $sig/s-ignored#2 resume here\""
command -v python3 > /dev/null || { echo "python3 missing: the generated-file checks are skipped"; finish; exit; }
python3 - "$TMP/gen.jsonl" << 'EOF'
import json, random, sys
random.seed(3)
say = ['where is my refund', 'I want to talk to a person', 'blorp', 'thanks, that helps',
       'this is useless', 'my order 5521 never arrived']
bot = ['Sorry, I did not get that.', 'Let me check.', 'Transferring you now.', 'Anything else?']
rows = []
for s in range(3000):
    for pos in range(1, 7):
        sig = {'userEscalated': random.random() < 0.15, 'agentEscalated': random.random() < 0.1,
               'noMatch': random.random() < 0.2, 'sentimentScore': round(random.uniform(-1, 1), 2)}
        r = {'conversation_name': f'projects/p/locations/l/agents/a/sessions/g{s}', 'turn_position': pos,
             'request_time': f'2026-11-20 09:{pos:02d}:00 UTC', 'language_code': 'en',
             'request': {'queryInput': {'text': {'text': random.choice(say)}}},
             'response': {'queryResult': {'responseMessages': [{'text': {'text': [random.choice(bot)]}}]}},
             'conversation_signals': {'turnSignals': sig}}
        if s % 2:
            for k in ('request', 'response', 'conversation_signals'):
                r[k] = json.dumps(r[k])
        rows.append((s + random.random() * 12, json.dumps(r)))
rows.sort()  # sessions interleaved, turn positions sometimes out of order
with open(sys.argv[1], 'w') as f:
    for _, line in rows:
        f.write(line + '\n')
EOF
for args in "-f json" "-f jsonl" "-f text" "-f json --group-window 20"; do
  for threads in 1 2; do
    # shellcheck disable=SC2086
    "$BIN" audit --threads "$threads" $args "$TMP/gen.jsonl" > "$TMP/out.$threads" \
      2> "$TMP/err.$threads" || true
  done
  expect "Dialogflow: --threads 2 matches --threads 1 ($args)" cmp -s "$TMP/out.1" "$TMP/out.2"
  expect "Dialogflow: stderr matches across threads ($args)" cmp -s "$TMP/err.1" "$TMP/err.2"
done
expect "the generated export was cut into several batches" \
  test "$(stat -c %s "$TMP/gen.jsonl")" -gt 3000000
expect "the generated export: 3000 conversations, 18000 rows" \
  bash -c "'$BIN' audit '$TMP/gen.jsonl' -f json | grep -q '\"records\":18000,\"conversations\":3000,'"
finish
