#!/usr/bin/env bash
# CSV long form through the real binary: quoted commas, newlines and doubled quotes, CRLF, a TAB
# file with --map columns and roles, header sniffing and --input-format csv, an unknown role
# reported with file:line while the rest is audited, rows that come back after --group-window,
# identical output for any --threads, and flat memory on a large interleaved file.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

dir=tests/fixtures/formats/csv
csv=$dir/long_form.csv
crlf=$dir/quoting_crlf.csv
tsv=$dir/custom_columns.tsv
tsv_map=(--map id=Ticket --map role=Who --map text=Said --map time=When --map role.Kunde=user
  --map role.Mitarbeiter=agent)

# --- long_form.csv: three conversations, one bad row ------------------------------------------
"$BIN" audit "$csv" -f json > "$TMP/long.json" 2> "$TMP/long.err"
expect "long_form.csv: 13 rows, 3 conversations, 12 turns" \
  grep -q '"records":13,"conversations":3,"turns":12,' "$TMP/long.json"
expect "long_form.csv: 7 user, 4 bot and 1 agent turns" \
  grep -q '"turns_by_role":{"user":7,"bot":4,"agent":1,"system":0}' "$TMP/long.json"
expect "the narrator row is the one skipped record (invalid_record)" \
  grep -q '"skipped":{"total":1,"unreadable_input":0,"invalid_json":0,"not_an_object":0,"unknown_format":0,"invalid_record":1,' \
  "$TMP/long.json"
expect "the unknown role is reported on stderr with file:line" \
  grep -qxF "$csv:15: csv row: role: \"narrator\" is not a role chataudit knows; map it with --map role.narrator=user|bot|agent|system" \
  "$TMP/long.err"
expect "the unknown role is in the JSON errors with its line" \
  grep -q "{\"source\":\"$csv:15\",\"file\":\"$csv\",\"line\":15,\"reason\":\"invalid_record\",\"level\":\"error\"" \
  "$TMP/long.json"
"$BIN" show c-102 "$csv" > "$TMP/c102.txt" 2> /dev/null
expect "the rest of c-102 is audited: 3 turns, the narrator row left out" \
  test "$(grep -c '^#[0-9]' "$TMP/c102.txt")" = 3
expect "c-102: live_agent is an agent turn" grep -q '^#1   agent ' "$TMP/c102.txt"
expect "c-102: the visitor's last turn follows" grep -q '^#2   user .*gracias Marta' "$TMP/c102.txt"
"$BIN" show c-101 "$csv" > "$TMP/c101.txt" 2> /dev/null
expect "c-101: doubled quotes and a quoted newline are one field" \
  grep -qF "#0   user   +0.00  He said \"it will come Monday\"  / and it didn't, it's now Thursday" \
  "$TMP/c101.txt"
expect "c-101: assistant is the bot" grep -q '^#1   bot ' "$TMP/c101.txt"
"$BIN" show c-100 "$csv" > "$TMP/c100.txt" 2> /dev/null
expect "c-100: the other columns are metadata" \
  bash -c "grep -qx '  channel: web' '$TMP/c100.txt' && grep -qx '  locale: en-GB' '$TMP/c100.txt'"
"$BIN" audit "$csv" -f jsonl > "$TMP/long.jsonl" 2> /dev/null
expect "c-100: the request for a person is a missed-escalation (request)" \
  grep -q '"conversation_id":"c-100".*"rule":"missed-escalation","severity":"error","turns":\[4,5\].*"kind":"request"' \
  "$TMP/long.jsonl"
expect "c-100: two fallbacks in a row" \
  grep -q '"conversation_id":"c-100".*"rule":"fallback-loop","severity":"warning","turns":\[1,3\]' \
  "$TMP/long.jsonl"
expect "only c-100 has findings" test "$(grep -vc '"conversation_id":"c-100"' "$TMP/long.jsonl")" = 0
expect "a skipped row does not fail the run" test "$(exit_code_of "$BIN" audit "$csv")" = 0
expect "--strict fails the run on the skipped row" \
  test "$(exit_code_of "$BIN" audit --strict "$csv")" = 2
"$BIN" audit "$csv" --map role.narrator=system -f json > "$TMP/mapped_role.json"
expect "--map role.narrator=system reads the row: 13 turns, one system, nothing skipped" \
  grep -q '"turns":13,"turns_by_role":{"user":7,"bot":4,"agent":1,"system":1},"skipped":{"total":0,' \
  "$TMP/mapped_role.json"

# --- quoting and CRLF -------------------------------------------------------------------------
"$BIN" audit "$crlf" -f json > "$TMP/crlf.json" 2> "$TMP/crlf.err"
expect "quoting_crlf.csv: 5 rows, 2 conversations, 5 turns, nothing skipped" \
  grep -q '"records":5,"conversations":2,"turns":5,.*"skipped":{"total":0,' "$TMP/crlf.json"
expect "quoting_crlf.csv: no errors on stderr" test ! -s "$TMP/crlf.err"
"$BIN" show q-1 "$crlf" > "$TMP/q1.txt"
expect "CRLF: a quoted comma and doubled quotes" \
  grep -qF '#0   user   +0.00  Hello, I have a question about "Plan B"' "$TMP/q1.txt"
expect "CRLF: a quoted field over three lines is one turn" \
  grep -qF 'Sure! Plan B costs 10, 20 or 30 EUR:' "$TMP/q1.txt"
expect "CRLF: ... with its last line" grep -qF -- '- 20 quarterly' "$TMP/q1.txt"
expect "CRLF: q-1 has 3 turns" test "$(grep -c '^#[0-9]' "$TMP/q1.txt")" = 3
expect "CRLF: the header's 'Speaker' and 'Message' columns are found" \
  grep -qF "#2   user   +0.38  thanks, \"that's\" clear" "$TMP/q1.txt"
expect "CRLF: the last column keeps no carriage return" \
  bash -c "'$BIN' show q-2 '$crlf' | cat -A | grep -qx '  Channel: app\\$'"
expect "CRLF: after a blank line, q-2's request for a human is missed" \
  bash -c "'$BIN' audit '$crlf' -f jsonl | grep -q '\"conversation_id\":\"q-2\".*\"rule\":\"missed-escalation\".*\"kind\":\"request\"'"

# --- TAB file with --map ----------------------------------------------------------------------
"$BIN" audit "$tsv" -f json > "$TMP/tsv_nomap.json" 2> "$TMP/tsv_nomap.err" || true
expect "without --map the TAB header has no text column: exit 2" \
  test "$(exit_code_of "$BIN" audit "$tsv")" = 2
expect "... and stderr says which line and why" \
  grep -qF "$tsv: reading stopped: line 1: CSV header: no text column (one of text, message, content, body, utterance; or --map text=COLUMN)" \
  "$TMP/tsv_nomap.err"
"$BIN" audit "$tsv" "${tsv_map[@]}" -f json > "$TMP/tsv.json"
expect "with --map: 1 conversation, 2 customer, 1 bot and 1 agent turns" \
  grep -q '"conversations":1,"turns":4,"turns_by_role":{"user":2,"bot":1,"agent":1,"system":0},"skipped":{"total":0,' \
  "$TMP/tsv.json"
expect "with --map: the Mitarbeiter turn is the handoff" grep -q '"handed_off":1,' "$TMP/tsv.json"
"$BIN" show T-1 "$tsv" "${tsv_map[@]}" > "$TMP/t1.txt"
expect "with --map: the Ticket column is the id, Queue is metadata" \
  bash -c "grep -q '^conversation T-1 ' '$TMP/t1.txt' && grep -qx '  Queue: de' '$TMP/t1.txt'"
expect "with --map: a quoted TAB field with ; , and doubled quotes" \
  grep -qF '#2   user   +0.00  Nummer 4471, bitte; "schnell"' "$TMP/t1.txt"
expect "--map to a column the header lacks names it" \
  bash -c "'$BIN' audit '$tsv' --map text=Nope --map role=Who 2>&1 >/dev/null | grep -qF 'reading stopped: line 1: CSV --map text=Nope: the header has no such column'"

# --- how a file is taken for CSV --------------------------------------------------------------
cp "$csv" "$TMP/export.txt"
expect "a chat CSV header is recognised in a .txt file" \
  bash -c "'$BIN' audit '$TMP/export.txt' -f json 2>/dev/null | grep -q '\"conversations\":3,\"turns\":12,'"
expect "... and on standard input" \
  bash -c "'$BIN' audit - -f json < '$csv' 2>/dev/null | grep -q '\"conversations\":3,\"turns\":12,'"
expect "--input-format csv on standard input" \
  bash -c "'$BIN' audit --input-format csv - -f json < '$csv' 2>/dev/null | grep -q '\"conversations\":3,\"turns\":12,'"
expect "errors on standard input name <stdin>:line" \
  bash -c "'$BIN' audit - < '$csv' 2>&1 >/dev/null | grep -q '^<stdin>:15: csv row: role: \"narrator\"'"
gzip -c "$csv" > "$TMP/long_form.csv.gz"
expect "a gzipped CSV gives the same conversations" \
  bash -c "'$BIN' audit '$TMP/long_form.csv.gz' -f json 2>/dev/null | grep -q '\"records\":13,\"conversations\":3,\"turns\":12,'"
printf 'chat_id;author;body\ns-1;customer;"Hallo; ich brauche Hilfe"\ns-1;bot;Gerne!\n' > "$TMP/semi.csv"
expect "a semicolon-separated CSV" \
  bash -c "'$BIN' show s-1 '$TMP/semi.csv' | grep -qF '#0   user   +0.00  Hallo; ich brauche Hilfe'"

# --- --group-window ---------------------------------------------------------------------------
{
  echo "conversation_id,role,text"
  echo "g-1,user,I need to change the delivery address of order 5521"
  echo "g-1,bot,Sure. What is the new address?"
  for i in 1 2 3 4; do echo "x-$i,user,hello number $i"; done
  echo "g-1,user,12 Baker Street please"
  echo "g-1,bot,Done. The address of order 5521 is now 12 Baker Street."
} > "$TMP/window.csv"
"$BIN" audit --group-window 3 "$TMP/window.csv" -f json > "$TMP/window.json" 2> "$TMP/window.err"
expect "--group-window 3: g-1's later rows are a part of its own (warning with file:line)" \
  grep -qxF "$TMP/window.csv:8: warning: rows of conversation g-1#2 resume here after the conversation was complete (more than --group-window rows apart, or over --max-record-size): audited as a part of its own" \
  "$TMP/window.err"
expect "--group-window 3: the warning is one warning, not an error" \
  bash -c "test \"\$(grep -c 'resume here' '$TMP/window.err')\" = 1 && grep -q '\"line\":8,\"reason\":\"invalid_record\",\"level\":\"warning\"' '$TMP/window.json' && grep -q '\"errors_total\":0,' '$TMP/window.json'"
expect "--group-window 3: 6 conversations (g-1, g-1#2 and 4 others)" \
  grep -q '"records":8,"conversations":6,"turns":8,' "$TMP/window.json"
"$BIN" show 'g-1#2' --group-window 3 "$TMP/window.csv" > "$TMP/g1_2.txt" 2> /dev/null
expect "g-1#2 holds the 2 rows that came back, from line 8" \
  bash -c "grep -q '^conversation g-1#2  .*window.csv:8\$' '$TMP/g1_2.txt' && test \"\$(grep -c '^#[0-9]' '$TMP/g1_2.txt')\" = 2"
expect "g-1#2's first turn is the address" grep -q '^#0   user .*12 Baker Street please' "$TMP/g1_2.txt"
expect "--group-window 5: g-1 is one conversation, no warning (4 rows between)" \
  bash -c "'$BIN' audit --group-window 5 '$TMP/window.csv' -f json 2>'$TMP/w4.err' | grep -q '\"conversations\":5,\"turns\":8,' && test ! -s '$TMP/w4.err'"
expect "--group-window 0: any distance, one conversation" \
  bash -c "'$BIN' audit --group-window 0 '$TMP/window.csv' -f json 2>/dev/null | grep -q '\"conversations\":5,\"turns\":8,'"

# --- generated files: threads and memory ------------------------------------------------------
command -v python3 > /dev/null || { echo "python3 missing: the generated-file checks are skipped"; finish; exit; }
# Interleaved conversations (8 in progress at a time, rows round-robin), some rows with quoted
# commas and newlines, an unknown role now and then, and a conversation that comes back late.
gen_csv() {
  python3 - "$1" "$2" << 'EOF'
import random, sys
rows, out = int(sys.argv[1]), sys.argv[2]
random.seed(5)
texts = ['Where is my parcel?', '"Hi, I was charged twice, ""again"""',
         '"I want to talk to a real person.\nNow!"', 'Sorry, I did not understand. Could you rephrase?',
         'Thanks, that helps', '"ok, bye"', 'This is useless']
with open(out, 'w') as f:
    f.write('conversation_id,timestamp,role,text,channel\n')
    n, block = 0, 0
    while n < rows:
        for t in range(6):
            for k in range(8):
                c = block * 8 + k
                role = ('customer', 'bot')[t % 2] if (c * 6 + t) % 997 else 'narrator'
                f.write(f'c{c},{1795165200 + c * 60 + t},{role},{random.choice(texts)},web\n')
                n += 1
        if block % 50 == 49:
            f.write(f'c{block * 8 - 300},{1795165200},customer,I am back,web\n')
            n += 1
        block += 1
EOF
}
gen_csv 60000 "$TMP/interleaved.csv"
for args in "-f json" "-f jsonl" "-f text" "-f json --group-window 16"; do
  for threads in 1 2; do
    # shellcheck disable=SC2086
    "$BIN" audit --threads "$threads" $args "$TMP/interleaved.csv" > "$TMP/out.$threads" \
      2> "$TMP/err.$threads" || true
  done
  expect "CSV: --threads 2 matches --threads 1 ($args)" cmp -s "$TMP/out.1" "$TMP/out.2"
  expect "CSV: stderr matches across threads ($args)" cmp -s "$TMP/err.1" "$TMP/err.2"
done
expect "the generated CSV was cut into several batches" \
  test "$(stat -c %s "$TMP/interleaved.csv")" -gt 3000000
expect "the generated CSV: the late rows are resumed parts under --group-window 16" \
  grep -q 'resume here' "$TMP/err.1"

if can_measure_rss; then
  gen_csv 300000 "$TMP/big.csv"
  head -n 100001 "$TMP/big.csv" > "$TMP/small.csv"
  small=$(max_rss "$TMP/small.csv" --group-window 64)
  big=$(max_rss "$TMP/big.csv" --group-window 64)
  whole=$(max_rss "$TMP/big.csv" --group-window 0)
  echo "max RSS: 100k rows ${small} KB, 300k rows ${big} KB, 300k rows with --group-window 0 ${whole} KB"
  expect "memory is flat: 300k rows take less than 8 MB more than 100k rows (${small} -> ${big} KB)" \
    test "$big" -lt $((small + 8192))
  expect "memory is bounded by the window: under half of --group-window 0 (${big} vs ${whole} KB)" \
    test "$big" -lt $((whole / 2))
  expect "300k interleaved rows with --group-window 64 stay under 64 MB (${big} KB)" \
    test "$big" -lt 65536
fi

expect "an option that repeats (--map) does not take the input file after it" \
  bash -c "'$BIN' audit --map role.narrator=system '$csv' -f json | grep -q '\"skipped\":{\"total\":0,'"
expect "nor do --set, --rules, --disable, --fail-on and -o" \
  bash -c "'$BIN' audit --set bot-loop.window=6 --rules bot-loop,user-repeat --disable user-repeat --fail-on 'any>1' -o '$TMP/o.json' '$csv' -f json > /dev/null"
python3 -c "print('conversation_id,role,text,' + ','.join('c%d' % i for i in range(200))); print('a,user,hello')" > "$TMP/wide.csv"
"$BIN" audit "$TMP/wide.csv" --max-record-size 200 -f json > /dev/null 2> "$TMP/wide.err" || true
expect "a CSV header over --max-record-size stops the file with a clear error" \
  grep -q "wide.csv: reading stopped: line 1: the CSV header is larger than --max-record-size" "$TMP/wide.err"
"$BIN" audit --group-window 16 --csv-unsorted "$TMP/interleaved.csv" -f json > "$TMP/unsorted.json" \
  2> "$TMP/unsorted.err" || true
"$BIN" audit --group-window 0 "$TMP/interleaved.csv" -f json > "$TMP/window0.json" 2> /dev/null || true
expect "--csv-unsorted is --group-window 0 (same report, even after --group-window 16)" \
  bash -c "test -s '$TMP/unsorted.json' && cmp -s '$TMP/unsorted.json' '$TMP/window0.json'"
expect "--csv-unsorted: the late rows join their conversations, no part" \
  bash -c "! grep -q 'resume here' '$TMP/unsorted.err'"
finish
