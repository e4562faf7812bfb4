#!/usr/bin/env bash
# Any JSON through --map, with the real binary: the two worked examples of docs/formats.md
# (Zendesk-like JSONL, Intercom-like JSON array), dotted paths with array indices and escaped
# keys, role.VALUE mappings, errors that name the mapped path with file:line, the usage errors
# of --map, and identical output for any --threads.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

dir=tests/fixtures/formats/mapped
zendesk=$dir/zendesk_like.jsonl
intercom=$dir/intercom_like.json
zmap=(--map id=ticket.id --map turns=comments --map role=author.role --map text=plain_body
  --map time=created_at --map metadata.channel=ticket.via.channel)
imap=(--map id=id --map turns=conversation_parts.conversation_parts --map role=author.type
  --map text=body --map time=created_at --map metadata.channel=source.channel
  --map metadata.bot_version=custom_attributes.bot_version
  --map metadata.locale=custom_attributes.locale)

# --- Zendesk-like -----------------------------------------------------------------------------
"$BIN" audit "$zendesk" "${zmap[@]}" --map role.answer-bot=bot -f json > "$TMP/z.json" 2> "$TMP/z.err"
expect "zendesk: 3 records, 2 conversations, 7 turns (4 customer, 3 bot)" \
  grep -q '"records":3,"conversations":2,"turns":7,"turns_by_role":{"user":4,"bot":3,"agent":0,"system":0}' \
  "$TMP/z.json"
expect "zendesk: the third record's comments is not an array: reported with file:line" \
  grep -qxF "$zendesk:3: mapped record: comments (--map turns): expected an array" "$TMP/z.err"
expect "zendesk: that record is the one skipped (invalid_record)" \
  grep -q '"skipped":{"total":1,"unreadable_input":0,"invalid_json":0,"not_an_object":0,"unknown_format":0,"invalid_record":1,' \
  "$TMP/z.json"
"$BIN" audit "$zendesk" "${zmap[@]}" --map role.answer-bot=bot -f jsonl > "$TMP/z.jsonl" 2> /dev/null
expect "zendesk: ticket 88101 asked for someone and was not handed over (request)" \
  grep -q '"conversation_id":"88101".*"rule":"missed-escalation","severity":"error","turns":\[2,3\].*"kind":"request"' \
  "$TMP/z.jsonl"
expect "zendesk: ticket 88102 has no finding" bash -c "! grep -q '\"conversation_id\":\"88102\"' '$TMP/z.jsonl'"
"$BIN" show 88102 "$zendesk" "${zmap[@]}" --map role.answer-bot=bot > "$TMP/z88102.txt" 2> /dev/null
expect "zendesk: the numeric ticket id is the id, the nested channel is metadata" \
  bash -c "grep -q '^conversation 88102  .*zendesk_like.jsonl:2\$' '$TMP/z88102.txt' && grep -qx '  channel: mobile' '$TMP/z88102.txt'"
expect "zendesk: end-user is the customer, answer-bot the bot" \
  bash -c "grep -q '^#0   user .*How do I return a jacket' '$TMP/z88102.txt' && grep -q '^#1   bot .*Orders > Return item' '$TMP/z88102.txt'"
"$BIN" audit "$zendesk" "${zmap[@]}" -f json > "$TMP/z_norole.json" 2> "$TMP/z_norole.err" || true
expect "zendesk without role.answer-bot: the unknown role is reported per record with file:line" \
  grep -qxF "$zendesk:1: mapped record: comments[1]: role \"answer-bot\" is not one chataudit knows; map it with --map role.answer-bot=user|bot|agent|system" \
  "$TMP/z_norole.err"
expect "zendesk without role.answer-bot: ... for the second ticket too" \
  grep -qF "$zendesk:2: mapped record: comments[1]: role \"answer-bot\"" "$TMP/z_norole.err"
expect "zendesk without role.answer-bot: nothing can be read: exit 2" \
  test "$(exit_code_of "$BIN" audit "$zendesk" "${zmap[@]}")" = 2
expect "role.answer-bot=agent makes the bot's turns agent turns" \
  bash -c "'$BIN' audit '$zendesk' ${zmap[*]} --map role.answer-bot=agent -f json 2>/dev/null | grep -q '\"turns_by_role\":{\"user\":4,\"bot\":0,\"agent\":3,'"

# --- Intercom-like (a JSON array) ---------------------------------------------------------------
"$BIN" audit "$intercom" "${imap[@]}" -f json > "$TMP/i.json" 2> "$TMP/i.err"
expect "intercom: 2 conversations, 9 turns (user and lead are customers, admin an agent)" \
  grep -q '"records":2,"conversations":2,"turns":9,"turns_by_role":{"user":5,"bot":3,"agent":1,"system":0},"skipped":{"total":0,' \
  "$TMP/i.json"
expect "intercom: nothing on stderr" test ! -s "$TMP/i.err"
expect "intercom: the admin's assignment is the handoff" \
  grep -q '"escalation":{"handed_off":1,' "$TMP/i.json"
"$BIN" show 215469103 "$intercom" "${imap[@]}" > "$TMP/i1.txt"
expect "intercom: metadata from three mapped paths" \
  bash -c "grep -qx '  channel: messenger' '$TMP/i1.txt' && grep -qx '  bot_version: fin-2026.11' '$TMP/i1.txt' && grep -qx '  locale: en' '$TMP/i1.txt'"
expect "intercom: the null body is an empty agent turn with the handoff" \
  grep -q '^#5   agent  +0.00   \[handoff\]$' "$TMP/i1.txt"
expect "intercom: the bot asked again for the e-mail it was given (bot-reask)" \
  bash -c "'$BIN' audit '$intercom' ${imap[*]} -f jsonl | grep -q '\"conversation_id\":\"215469103\".*\"rule\":\"bot-reask\",\"severity\":\"warning\",\"turns\":\[2,3\]'"
expect "intercom: the second record starts on line 20" \
  bash -c "'$BIN' show 215469377 '$intercom' ${imap[*]} | grep -q '^conversation 215469377  .*intercom_like.json:20\$'"
expect "--input-format mapped with the same --map" \
  bash -c "'$BIN' audit --input-format mapped '$intercom' ${imap[*]} -f json | grep -q '\"conversations\":2,\"turns\":9,'"
expect "mapped records on standard input" \
  bash -c "'$BIN' audit - ${imap[*]} -f json < '$intercom' | grep -q '\"conversations\":2,\"turns\":9,'"

# --- paths: array indices, escaped keys, no role path -------------------------------------------
cat > "$TMP/odd.jsonl" << 'EOF'
{"meta": {"ids": ["x", "odd-1"]}, "thread": [{"msgs": [{"who/what": "customer", "body": [{"v": "I want to speak to a person"}], "at": 1795165200}, {"who/what": "bot", "body": [{"v": "I can only help with orders."}], "at": 1795165203}]}]}
{"meta": {"ids": ["x", "odd-2"]}, "thread": [{"msgs": [{"who/what": "customer", "body": [{"v": "hello"}]}, {"who/what": "operator", "body": [{"v": "Hi, this is Sam."}]}]}]}
EOF
"$BIN" audit "$TMP/odd.jsonl" --map id=meta.ids.1 --map turns=thread.0.msgs --map role=who/what \
  --map text=body.0.v --map time=at -f jsonl > "$TMP/odd.jsonl.out" 2> "$TMP/odd.err"
expect "paths with array indices and a key with '/' are read" \
  grep -q '"conversation_id":"odd-1".*"rule":"missed-escalation".*"kind":"request"' "$TMP/odd.jsonl.out"
expect "... with no errors, and odd-2 (an operator answers) has no finding" \
  bash -c "test ! -s '$TMP/odd.err' && ! grep -q 'odd-2' '$TMP/odd.jsonl.out'"
printf '{"log": [{"t": "hi"}, {"t": "hello, how can I help?"}, {"t": "never mind"}]}\n' > "$TMP/alt.jsonl"
expect "without --map role turns alternate user, bot, user" \
  bash -c "'$BIN' audit '$TMP/alt.jsonl' --map turns=log --map text=t -f json | grep -q '\"turns\":3,\"turns_by_role\":{\"user\":2,\"bot\":1,'"
expect "without --map id the id is file:line" \
  bash -c "'$BIN' show '$TMP/alt.jsonl:1' '$TMP/alt.jsonl' --map turns=log --map text=t | grep -q '^conversation $TMP/alt.jsonl:1 '"

# --- usage errors --------------------------------------------------------------------------------
usage_error() { # usage_error MESSAGE ARGS...: exit 2 and MESSAGE on stderr
  local message=$1; shift
  set +e
  "$BIN" audit "$zendesk" "$@" > /dev/null 2> "$TMP/usage.err"
  local code=$?
  set -e
  [ "$code" = 2 ] && grep -qxF "chataudit: $message" "$TMP/usage.err"
}
expect "--map turns without text" usage_error "--map turns=... needs --map text=PATH as well" \
  --map turns=comments
expect "--map with an unknown key" \
  usage_error '--map foo=bar: unknown key "foo" (id, turns, role, text, time, metadata.NAME, role.VALUE)' \
  --map foo=bar
expect "--map role.VALUE with a role that is not one of the four" \
  usage_error "--map role.x=robot: the role must be user, bot, agent or system" --map role.x=robot
expect "--map without =" usage_error "--map novalue: expected KEY=PATH" --map novalue
expect "--map turns with another --input-format" \
  usage_error "--map turns=... reads JSON through the mapping: drop --input-format, or use --input-format mapped" \
  --input-format rasa --map turns=a --map text=b
expect "--input-format mapped without --map turns" \
  usage_error "--input-format mapped needs --map turns=PATH and --map text=PATH" --input-format mapped

# --- threads ------------------------------------------------------------------------------------
command -v python3 > /dev/null || { echo "python3 missing: the generated-file checks are skipped"; finish; exit; }
python3 - "$TMP/gen.jsonl" << 'EOF'
import json, random, sys
random.seed(4)
roles = ['end-user', 'answer-bot', 'agent', 'end-user', 'answer-bot']
said = ['My order still has not arrived', 'Orders usually arrive within 3-5 business days.',
        'I want to talk to someone', 'This does not help at all', 'thanks, found it']
with open(sys.argv[1], 'w') as f:
    for t in range(12000):
        comments = [{'author': {'role': random.choice(roles)}, 'plain_body': random.choice(said),
                     'created_at': f'2026-11-20T08:{k:02d}:00Z'} for k in range(random.randint(1, 8))]
        if t % 500 == 7:
            comments = {'broken': True}
        if t % 700 == 9:
            comments[0]['author']['role'] = 'light-agent'
        f.write(json.dumps({'ticket': {'id': t, 'via': {'channel': random.choice(['web', 'mail'])}},
                            'comments': comments}) + '\n')
EOF
for args in "-f json" "-f jsonl" "-f text"; do
  for threads in 1 2; do
    # shellcheck disable=SC2086
    "$BIN" audit --threads "$threads" $args "$TMP/gen.jsonl" "${zmap[@]}" --map role.answer-bot=bot \
      > "$TMP/out.$threads" 2> "$TMP/err.$threads" || true
  done
  expect "mapped: --threads 2 matches --threads 1 ($args)" cmp -s "$TMP/out.1" "$TMP/out.2"
  expect "mapped: stderr matches across threads ($args)" cmp -s "$TMP/err.1" "$TMP/err.2"
done
expect "the generated export was cut into several batches" \
  test "$(stat -c %s "$TMP/gen.jsonl")" -gt 2000000
expect "the generated export: 24 broken and 18 unknown-role records skipped of 12000" \
  bash -c "'$BIN' audit '$TMP/gen.jsonl' ${zmap[*]} --map role.answer-bot=bot -f json 2>/dev/null | grep -q '\"records\":12000,\"conversations\":11958,'"
finish
