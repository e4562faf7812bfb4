#!/usr/bin/env bash
# Pipelines: `cat FILE | chataudit audit - -f jsonl` streams the same findings as the file,
# gzip on stdin is recognised by its magic bytes, and a closed pipe is not an error.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

fields() { sed -e 's/"source":"[^"]*",//' -e 's/"file":"[^"]*",//'; }
for f in samples/*.jsonl samples/*.json; do
  "$BIN" audit "$f" -f jsonl | fields | sed "s|\"$f:|\"<stdin>:|g" > "$TMP/file"
  cat "$f" | "$BIN" audit - -f jsonl | fields > "$TMP/stdin"
  expect "stdin gives the same findings as $f" cmp -s "$TMP/file" "$TMP/stdin"
  expect "$f has findings" test -s "$TMP/file"
done
zcat samples/utilities_native.jsonl.gz | "$BIN" audit - -f jsonl | fields > "$TMP/plain"
"$BIN" audit - -f jsonl < samples/utilities_native.jsonl.gz | fields > "$TMP/gz"
expect "gzip on stdin is decompressed" cmp -s "$TMP/plain" "$TMP/gz"
expect "ids without an explicit id name <stdin>:line" \
  bash -c "cat samples/banking_openai.jsonl | '$BIN' audit - -f jsonl | grep -q '\"conversation_id\":\"<stdin>:5\"'"
set +e
for i in $(seq 1 200); do cat samples/retail_orders.jsonl; done | "$BIN" audit - -f jsonl 2> "$TMP/err" | head -1 > /dev/null
status=${PIPESTATUS[1]}
set -e
expect "a closed pipe ends quietly" test ! -s "$TMP/err"
expect "a closed pipe is not a failure (exit $status)" test "$status" = 0 -o "$status" = 141
finish
