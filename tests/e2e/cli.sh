#!/usr/bin/env bash
# Command-line behaviour of the real binary: exit codes, usage errors, outputs, colour, rules.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

s=samples/retail_orders.jsonl
expect "a clean run exits 0" test "$(exit_code_of "$BIN" audit "$s")" = 0
expect "no arguments is a usage error (2)" test "$(exit_code_of "$BIN")" = 2
expect "audit without inputs is a usage error (2)" test "$(exit_code_of "$BIN" audit)" = 2
expect "an unknown option is a usage error (2)" test "$(exit_code_of "$BIN" audit --bogus "$s")" = 2
expect "an unknown format is a usage error (2)" test "$(exit_code_of "$BIN" audit -f xml "$s")" = 2
expect "an unknown rule is a usage error (2)" test "$(exit_code_of "$BIN" audit --rules nope "$s")" = 2
expect "an unknown --set key is a usage error (2)" test "$(exit_code_of "$BIN" audit --set nope=1 "$s")" = 2
expect "an out-of-range --set value is a usage error (2)" \
  test "$(exit_code_of "$BIN" audit --set bot-loop.similarity=7 "$s")" = 2
expect "-o with an unknown extension is a usage error (2)" \
  test "$(exit_code_of "$BIN" audit -o "$TMP/report.xyz" "$s")" = 2
expect "a missing input exits 2" test "$(exit_code_of "$BIN" audit "$TMP/missing.jsonl")" = 2
expect "a missing input next to a good one still audits the good one" \
  bash -c "'$BIN' audit -f json '$TMP/missing.jsonl' '$s' 2>/dev/null | grep -q '\"conversations\":17'"
expect "--fail-on a rule with findings exits 1" \
  test "$(exit_code_of "$BIN" audit --fail-on bot-loop "$s")" = 1
expect "--fail-on RULE>RATE above the rate exits 0" \
  test "$(exit_code_of "$BIN" audit --fail-on 'bot-loop>0.5' "$s")" = 0
expect "--fail-on RULE>RATE below the rate exits 1" \
  test "$(exit_code_of "$BIN" audit --fail-on 'bot-loop>0.01' "$s")" = 1
expect "--fail-on any exits 1 when anything is found" test "$(exit_code_of "$BIN" audit --fail-on any "$s")" = 1
expect "--fail-on names the failed gate on stderr" \
  bash -c "'$BIN' audit --fail-on bot-loop '$s' 2>&1 >/dev/null | grep -q 'gate failed: --fail-on bot-loop'"
expect "--fail-on a disabled rule is a usage error (2)" \
  test "$(exit_code_of "$BIN" audit --disable bot-loop --fail-on bot-loop "$s")" = 2
printf '%s\n' '{"id":"x","turns":[{"role":"\u001b[31mwizard","text":"hi"}]}' > "$TMP/esc.jsonl"
expect "control characters from the input never reach stderr" \
  bash -c "! '$BIN' audit '$TMP/esc.jsonl' 2>&1 >/dev/null | grep -q $'\x1b'"
expect "--strict with a skipped record exits 2" \
  test "$(exit_code_of "$BIN" audit --strict tests/fixtures/broken/mixed.jsonl)" = 2
expect "skipped records without --strict exit 0" \
  test "$(exit_code_of "$BIN" audit tests/fixtures/broken/mixed.jsonl)" = 0
expect "--version prints the version" bash -c "'$BIN' --version | grep -q '^chataudit [0-9]'"
expect "--help exits 0" test "$(exit_code_of "$BIN" audit --help)" = 0

# Outputs
"$BIN" audit "$s" -o "$TMP/r.json" -o "$TMP/r.jsonl" -o "$TMP/r.txt" > "$TMP/stdout"
expect "-o alone leaves stdout empty" test ! -s "$TMP/stdout"
expect "-o FILE.json writes json" grep -q '"schema_version":1' "$TMP/r.json"
expect "-o FILE.jsonl writes one finding per line" bash -c "head -1 '$TMP/r.jsonl' | grep -q '^{\"conversation_id\"'"
expect "-o FILE.txt writes the text summary" grep -q '^chataudit: 17 conversations' "$TMP/r.txt"
expect "a report file gets the usual permissions (not 0600)" \
  bash -c "[ \"\$(umask 022; '$BIN' audit '$s' -o '$TMP/perm.json'; stat -c %a '$TMP/perm.json')\" = 644 ]"
expect "no temporary files are left behind" bash -c "! ls '$TMP' | grep -q tmp-chataudit"
"$BIN" audit "$s" -f json -o "$TMP/r2.jsonl" > "$TMP/stdout.json"
expect "-f with -o writes both" grep -q '"schema_version":1' "$TMP/stdout.json"
expect "an unwritable -o exits 2" test "$(exit_code_of "$BIN" audit "$s" -o /nonexistent-dir/r.json)" = 2

# Colour: never off a terminal, forced with --color always, and NO_COLOR respected
expect "no escape codes when stdout is a pipe" bash -c "! '$BIN' audit '$s' | grep -q $'\x1b'"
expect "--color always adds escape codes" bash -c "'$BIN' audit --color always '$s' | grep -q $'\x1b'"
if command -v script > /dev/null; then
  expect "colour on a terminal" bash -c "script -qec \"'$BIN' audit '$s'\" /dev/null | grep -q $'\x1b\\[1m'"
  expect "NO_COLOR turns colour off on a terminal" \
    bash -c "NO_COLOR=1 script -qec \"'$BIN' audit '$s'\" /dev/null | grep -vq $'\x1b\\[1m'"
fi

# Rules
expect "rules lists every core rule" bash -c "'$BIN' rules | grep -c -E '^(bot-loop|fallback-loop|user-repeat|bot-reask|missed-escalation|sentiment-drop|negative-ending) ' | grep -qx 7"
expect "rules NAME explains the rule and its thresholds" \
  bash -c "'$BIN' rules bot-loop | grep -q 'bot-loop.min-occurrences'"
expect "rules with an unknown name exits 2" test "$(exit_code_of "$BIN" rules nope)" = 2
expect "--disable removes a rule from the report" \
  bash -c "! '$BIN' audit -f json --disable bot-loop '$s' | grep -q '\"rule\":\"bot-loop\"'"
expect "--set changes a threshold" \
  bash -c "'$BIN' audit -f json --set bot-loop.min-occurrences=10 '$s' | grep -q '\"bot-loop\":{\"conversations\":0'"
expect "--input-format openai on a native file skips its records" \
  bash -c "'$BIN' audit -f json --input-format openai '$s' 2>/dev/null | grep -q '\"invalid_record\":17'"
printf 'term\tvalence\nparcel\t-4\n' > "$TMP/lexicon.tsv"
expect "--lexicon overrides the built-in lexicon" \
  bash -c "'$BIN' audit -f json '$s' | grep -o '\"first_customer_turn_mean\":[-0-9.]*' > '$TMP/a'; '$BIN' audit -f json --lexicon '$TMP/lexicon.tsv' '$s' | grep -o '\"first_customer_turn_mean\":[-0-9.]*' > '$TMP/b'; ! cmp -s '$TMP/a' '$TMP/b'"
printf 'broken line without a tab\n' > "$TMP/bad_lexicon.tsv"
expect "a malformed --lexicon names the file and line" \
  bash -c "'$BIN' audit --lexicon '$TMP/bad_lexicon.tsv' '$s' 2>&1 | grep -q 'bad_lexicon.tsv:1:'"

finish
