#!/usr/bin/env bash
# zstd input through the real binary: recognised by its magic bytes (any name, stdin), the same
# report as the plain file, concatenated frames, CSV and row formats under .zst, and truncated
# or corrupt data reported as "reading stopped" with exit 2 after auditing what came before.
set -euo pipefail
source "$(dirname "$0")/lib.bash"
command -v zstd > /dev/null || { echo "zstd missing: skipped"; exit 77; }

sample=samples/retail_orders.jsonl
csv=tests/fixtures/formats/csv/long_form.csv
stream=tests/fixtures/formats/rasa_events/broker_stream.jsonl
# Findings without the file name, so runs on differently named inputs compare.
fields() { sed -e 's/"source":"[^"]*",//' -e 's/"file":"[^"]*",//'; }

"$BIN" audit "$sample" -f jsonl | fields > "$TMP/plain.jsonl"
"$BIN" audit "$sample" -f json | grep -o '"summary":.*' > "$TMP/plain.summary"
zstd -q -c "$sample" > "$TMP/retail.jsonl.zst"
"$BIN" audit "$TMP/retail.jsonl.zst" -f jsonl | fields > "$TMP/zst.jsonl"
expect "a .zst file gives the same findings as the plain file" cmp -s "$TMP/plain.jsonl" "$TMP/zst.jsonl"
expect "... and findings there are" test -s "$TMP/plain.jsonl"
"$BIN" audit "$TMP/retail.jsonl.zst" -f json | grep -o '"summary":.*' > "$TMP/zst.summary"
expect "... and the same summary (bytes are the decompressed bytes)" \
  cmp -s "$TMP/plain.summary" "$TMP/zst.summary"
cp "$TMP/retail.jsonl.zst" "$TMP/export.dat"
expect "zstd is recognised by its magic bytes, not its name" \
  bash -c "'$BIN' audit '$TMP/export.dat' -f jsonl | sed -e 's/\"source\":\"[^\"]*\",//' -e 's/\"file\":\"[^\"]*\",//' | cmp -s - '$TMP/plain.jsonl'"
expect "zstd on standard input" \
  bash -c "zstd -q -c '$sample' | '$BIN' audit - -f jsonl | sed -e 's/\"source\":\"[^\"]*\",//' -e 's/\"file\":\"[^\"]*\",//' | cmp -s - '$TMP/plain.jsonl'"
expect "--threads 2 on zstd input matches the plain --threads 1 run" \
  bash -c "'$BIN' audit --threads 2 '$TMP/retail.jsonl.zst' -f jsonl | sed -e 's/\"source\":\"[^\"]*\",//' -e 's/\"file\":\"[^\"]*\",//' | cmp -s - '$TMP/plain.jsonl'"

# Concatenated frames (`cat a.zst b.zst`): the records of both, line numbers running on.
head -n 8 "$sample" | zstd -q -c > "$TMP/part1.zst"
tail -n +9 "$sample" | zstd -q -c > "$TMP/part2.zst"
cat "$TMP/part1.zst" "$TMP/part2.zst" > "$TMP/joined.jsonl.zst"
expect "concatenated zstd frames are read one after the other" \
  bash -c "'$BIN' audit '$TMP/joined.jsonl.zst' -f jsonl | sed -e 's/\"source\":\"[^\"]*\",//' -e 's/\"file\":\"[^\"]*\",//' | cmp -s - '$TMP/plain.jsonl'"
expect "concatenated frames: all 17 conversations" \
  bash -c "'$BIN' audit '$TMP/joined.jsonl.zst' -f json | grep -q '\"records\":17,\"conversations\":17,'"

# Row formats and CSV under .zst.
zstd -q -c "$csv" > "$TMP/long_form.csv.zst"
"$BIN" audit "$TMP/long_form.csv.zst" -f json > "$TMP/csv.json" 2> "$TMP/csv.err"
expect "a .csv.zst file is CSV: 3 conversations, 12 turns" \
  grep -q '"records":13,"conversations":3,"turns":12,' "$TMP/csv.json"
expect "a .csv.zst file: row errors name the file and the line" \
  grep -qF "$TMP/long_form.csv.zst:15: csv row: role: \"narrator\"" "$TMP/csv.err"
zstd -q -c "$stream" > "$TMP/stream.zst"
expect "a Rasa event stream under zstd is grouped as plain: 25 rows, 3 conversations, 11 turns" \
  bash -c "'$BIN' audit '$TMP/stream.zst' -f json 2>/dev/null | grep -q '\"records\":25,\"conversations\":3,\"turns\":11,'"

# Truncated and corrupt data: what came before is audited, the rest is an error, exit 2.
scripts/gen-corpus --conversations 3000 --seed 21 -o "$TMP/corpus.jsonl"
zstd -q -c "$TMP/corpus.jsonl" > "$TMP/corpus.jsonl.zst"
size=$(stat -c %s "$TMP/corpus.jsonl.zst")
head -c $((size / 2)) "$TMP/corpus.jsonl.zst" > "$TMP/cut.jsonl.zst"
"$BIN" audit "$TMP/cut.jsonl.zst" -f json > "$TMP/cut.json" 2> "$TMP/cut.err" || true
expect "a truncated .zst exits 2" test "$(exit_code_of "$BIN" audit "$TMP/cut.jsonl.zst")" = 2
expect "a truncated .zst says so" \
  grep -qxF "$TMP/cut.jsonl.zst: reading stopped: zstd data is truncated" "$TMP/cut.err"
audited=$(grep -o '"records":[0-9]*,"conversations":[0-9]*' "$TMP/cut.json" | sed 's/.*://')
expect "a truncated .zst: the conversations before the cut are audited ($audited of 3000)" \
  test "$audited" -gt 500 -a "$audited" -lt 3000
expect "a truncated .zst counts as unreadable input" \
  grep -q '"skipped":{"total":[0-9]*,"unreadable_input":1,' "$TMP/cut.json"
python3 - "$TMP/corpus.jsonl.zst" "$TMP/bad.jsonl.zst" << 'EOF'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
for i in range(len(data) // 2, len(data) // 2 + 64):
    data[i] ^= 0xA5
open(sys.argv[2], 'wb').write(data)
EOF
"$BIN" audit "$TMP/bad.jsonl.zst" -f json > "$TMP/bad.json" 2> "$TMP/bad.err" || true
expect "corrupt zstd data exits 2" test "$(exit_code_of "$BIN" audit "$TMP/bad.jsonl.zst")" = 2
expect "corrupt zstd data says so" \
  grep -q "^$TMP/bad.jsonl.zst: reading stopped: corrupt zstd data: " "$TMP/bad.err"
printf 'not zstd after the frame' >> "$TMP/retail.jsonl.zst"
expect "junk after the last frame is corrupt data, after the records before it" \
  bash -c "'$BIN' audit '$TMP/retail.jsonl.zst' -f json 2>&1 | grep -q 'reading stopped: corrupt zstd data' && '$BIN' audit '$TMP/retail.jsonl.zst' -f json 2>/dev/null | grep -q '\"conversations\":17,'"

if command -v pzstd > /dev/null; then
  pzstd -q -c "$sample" > "$TMP/parallel.zst" 2> /dev/null || true
  expect "pzstd output (a skippable frame first) is read as zstd" \
    bash -c "'$BIN' audit '$TMP/parallel.zst' -f json 2> /dev/null | grep -q '\"conversations\":17,'"
fi
finish
