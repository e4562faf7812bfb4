#!/usr/bin/env bash
# A record over --max-record-size is reported with its line and skipped without being kept; the
# records after it are still audited (JSONL and JSON array framing).
set -euo pipefail
source "$(dirname "$0")/lib.bash"
command -v python3 > /dev/null || { echo "python3 missing: skipped"; exit 77; }

python3 - "$TMP" <<'PY'
import sys, json
tmp = sys.argv[1]
good = lambda i: json.dumps({"id": f"ok-{i}", "turns": [{"role": "user", "text": "agent please"},
                                                       {"role": "bot", "text": "Sorry, I didn't get that."}]})
huge = json.dumps({"id": "huge", "turns": [{"role": "user", "text": "x" * 3_000_000}]})
with open(f"{tmp}/huge.jsonl", "w") as f:
    f.write(good(1) + "\n" + huge + "\n" + good(2) + "\n" + "y" * 2_500_000 + "\n" + good(3) + "\n")
with open(f"{tmp}/huge.json", "w") as f:
    f.write("[\n" + good(1) + ",\n" + huge + ",\n" + good(2) + "\n]\n")
PY
"$BIN" audit -f json --max-record-size 1M "$TMP/huge.jsonl" > "$TMP/out.json" 2> "$TMP/err" || true
expect "the huge line is reported with its line number" grep -q "huge.jsonl:2: record is larger than --max-record-size" "$TMP/err"
expect "the huge garbage line is reported too" grep -q "huge.jsonl:4: record is larger" "$TMP/err"
expect "the other records are audited" grep -q '"conversations":3,' "$TMP/out.json"
expect "two records skipped for size" grep -q '"record_too_large":2' "$TMP/out.json"
"$BIN" audit -f json --max-record-size 1M "$TMP/huge.json" > "$TMP/out2.json" 2> "$TMP/err2" || true
expect "a huge array element is reported with its line" grep -q "huge.json:3: record is larger" "$TMP/err2"
expect "the array's other elements are audited" grep -q '"conversations":2,' "$TMP/out2.json"
"$BIN" audit -f json "$TMP/huge.jsonl" > "$TMP/out3.json" 2> /dev/null || true
expect "under the default limit the 3 MB record is audited" grep -q '"conversations":4,' "$TMP/out3.json"
finish
