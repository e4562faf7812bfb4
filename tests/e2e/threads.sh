#!/usr/bin/env bash
# Every output is byte-identical for any --threads, on a generated corpus large enough to be cut
# into many batches (plain, gzip, and with records skipped for size).
set -euo pipefail
source "$(dirname "$0")/lib.bash"
command -v python3 > /dev/null || { echo "python3 missing: skipped"; exit 77; }

scripts/gen-corpus --conversations 4000 --seed 11 -o "$TMP/corpus.jsonl"
scripts/gen-corpus --conversations 1500 --seed 12 --format openai --gzip -o "$TMP/corpus2.jsonl.gz"
for args in "-f json" "-f jsonl" "-f text" "-f json --max-record-size 2K" "-f json --top 3"; do
  for threads in 1 2 3; do
    # shellcheck disable=SC2086
    "$BIN" audit --threads "$threads" $args "$TMP/corpus.jsonl" "$TMP/corpus2.jsonl.gz" \
      > "$TMP/out.$threads" 2> "$TMP/err.$threads" || true
  done
  expect "--threads 2 matches --threads 1 ($args)" cmp -s "$TMP/out.1" "$TMP/out.2"
  expect "--threads 3 matches --threads 1 ($args)" cmp -s "$TMP/out.1" "$TMP/out.3"
  expect "stderr matches across threads ($args)" cmp -s "$TMP/err.1" "$TMP/err.2"
done
expect "the corpus was cut into several batches" test "$(stat -c %s "$TMP/corpus.jsonl")" -gt 3000000
expect "all 5500 conversations were audited" \
  bash -c "'$BIN' audit -f json '$TMP/corpus.jsonl' '$TMP/corpus2.jsonl.gz' | grep -q '\"conversations\":5500,'"
finish
