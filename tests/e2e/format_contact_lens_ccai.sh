#!/usr/bin/env bash
# Amazon Connect / Contact Lens chat files and CCAI Insights conversations through the real
# binary: detection, counts, --input-format, handoffs (an agent joining is one) and, when the
# shared data is there, the real Contact Lens example file.
set -euo pipefail
source "$(dirname "$0")/lib.bash"

CL=tests/fixtures/formats/contact_lens
CCAI=tests/fixtures/formats/ccai/conversations.jsonl

# summary_field FILE EXPRESSION: evaluates EXPRESSION on the JSON report's summary `s`
summary_field() {
  python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['summary']; print($2)" "$1"
}

# --- Contact Lens fixtures ---------------------------------------------------------------------
"$BIN" audit -f json "$CL/bot_then_agent.json" > "$TMP/bta.json"
expect "contact-lens: bot_then_agent is one conversation" grep -q '"conversations":1,' "$TMP/bta.json"
expect "contact-lens: bot_then_agent has 12 turns (events other than the handoff are not turns)" \
  grep -q '"turns":12,' "$TMP/bta.json"
expect "contact-lens: bot_then_agent turns by role" \
  test "$(summary_field "$TMP/bta.json" "s['turns_by_role']")" = \
  "{'user': 4, 'bot': 3, 'agent': 3, 'system': 2}"
expect "contact-lens: nothing skipped" test "$(summary_field "$TMP/bta.json" "s['skipped']['total']")" = 0
expect "contact-lens: the agent joining is a handoff" \
  test "$(summary_field "$TMP/bta.json" "s['escalation']['handed_off']")" = 1
expect "contact-lens: an agent joining after the request prevents missed-escalation" \
  test "$(summary_field "$TMP/bta.json" "s['rules']['missed-escalation']['conversations']")" = 0

"$BIN" show cl-bot-then-agent "$CL/" -f json > "$TMP/bta-show.json"
expect "contact-lens: SYSTEM is the bot before the agent joins, a notice after; the join is a handoff turn" \
  python3 -c "
import json
d = json.load(open('$TMP/bta-show.json'))
roles = [t['role'] for t in d['turns']]
assert roles == ['bot', 'user', 'bot', 'user', 'bot', 'system', 'system', 'agent', 'user', 'agent',
                 'user', 'agent'], roles
assert d['turns'][5]['handoff'] and d['turns'][5]['text'] == ''
assert d['turns'][0]['time_ms'] == 1710439321200
assert d['metadata'] == {'Channel': 'CHAT', 'LanguageCode': 'en-GB'}
"

"$BIN" audit -f json "$CL/bot_only.json" > "$TMP/bo.json"
expect "contact-lens: bot_only has 7 turns" grep -q '"turns":7,' "$TMP/bo.json"
expect "contact-lens: no agent ever joins: one missed-escalation" \
  test "$(summary_field "$TMP/bo.json" "s['rules']['missed-escalation']['conversations']")" = 1
expect "contact-lens: the missed escalation is the customer's request" \
  bash -c "'$BIN' audit -f jsonl '$CL/bot_only.json' | grep 'missed-escalation' | grep -q '\"kind\":\"request\"'"

"$BIN" audit -f json "$CL/" > "$TMP/cl-dir.json"
expect "contact-lens: a directory of Contact Lens files: 2 conversations, 19 turns" \
  bash -c "grep -q '\"conversations\":2,' '$TMP/cl-dir.json' && grep -q '\"turns\":19,' '$TMP/cl-dir.json'"
expect "--input-format contact-lens reads the files" \
  bash -c "'$BIN' audit -f json --input-format contact-lens '$CL/' | grep -q '\"conversations\":2,'"
expect "--input-format contact-lens on a CCAI file skips its records as invalid" \
  bash -c "'$BIN' audit -f json --input-format contact-lens '$CCAI' 2>/dev/null | grep -q '\"invalid_record\":3'"

# --- CCAI Insights fixture ---------------------------------------------------------------------
"$BIN" audit -f json "$CCAI" > "$TMP/ccai.json"
expect "ccai: 3 conversations" grep -q '"conversations":3,' "$TMP/ccai.json"
expect "ccai: 20 turns" grep -q '"turns":20,' "$TMP/ccai.json"
expect "ccai: turns by role" \
  test "$(summary_field "$TMP/ccai.json" "s['turns_by_role']")" = \
  "{'user': 8, 'bot': 10, 'agent': 2, 'system': 0}"
expect "ccai: a HUMAN_AGENT turn is a handoff" \
  test "$(summary_field "$TMP/ccai.json" "s['escalation']['handed_off']")" = 1
expect "ccai: only the ignored request is a missed-escalation" \
  test "$(summary_field "$TMP/ccai.json" "s['rules']['missed-escalation']['conversations']")" = 1
expect "ccai: the missed escalation is in the conversation named by its resource name" \
  bash -c "'$BIN' audit -f jsonl '$CCAI' | grep missed-escalation | grep -q 'conversations/ccai-ignored'"
expect "ccai: a file without a conversation id is named file:line" \
  bash -c "'$BIN' show '$CCAI:3' '$CCAI' | grep -q '^conversation $CCAI:3'"
expect "--input-format ccai reads the file" \
  bash -c "'$BIN' audit -f json --input-format ccai '$CCAI' | grep -q '\"conversations\":3,'"
printf '%s\n' '{"entries": [{"text": "hi", "role": "WIZARD"}]}' > "$TMP/bad-role.jsonl"
expect "ccai: an unknown role is an invalid record naming entries[0].role" \
  bash -c "'$BIN' audit '$TMP/bad-role.jsonl' 2>&1 >/dev/null | grep -q 'ccai record: entries\[0\].role'"

# --- the real Contact Lens example (shared data) -----------------------------------------------
REAL=$SHARED/formats/amazon-connect-contact-lens/contact-lens-example-output-files-chat.original.json
if [ -f "$REAL" ]; then
  "$BIN" audit -f json "$REAL" > "$TMP/real.json"
  expect "real Contact Lens file: 1 conversation" grep -q '"conversations":1,' "$TMP/real.json"
  expect "real Contact Lens file: no skipped record" \
    test "$(summary_field "$TMP/real.json" "s['skipped']['total']")" = 0
  # The mapping, computed independently from the file: 13 user, 3 bot (the SYSTEM prompts
  # before the agent joins), 15 agent, 1 system (the agent's participant.joined): 32 turns.
  python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
counts = {'user': 0, 'bot': 0, 'agent': 0, 'system': 0}
human = False
for it in d['Transcript']:
    role, kind, ct = it.get('ParticipantRole'), it.get('Type'), it.get('ContentType', '')
    if kind == 'MESSAGE' or (kind is None and 'Content' in it):
        if role == 'CUSTOMER':
            counts['user'] += 1
        elif role in ('AGENT', 'SUPERVISOR'):
            counts['agent'] += 1
            human = True
        elif role in ('SYSTEM', 'CUSTOM_BOT'):
            counts['system' if human else 'bot'] += 1
        else:
            counts['system'] += 1
    elif (ct.endswith('participant.joined') and role == 'AGENT') or ct.endswith('transfer.succeeded'):
        counts['system'] += 1
        human = True
print(counts)
" "$REAL" > "$TMP/real-expected"
  expect "real Contact Lens file: turns by role as the mapping gives them" \
    test "$(summary_field "$TMP/real.json" "s['turns_by_role']")" = "$(cat "$TMP/real-expected")"
  expect "real Contact Lens file: 13 user, 3 bot, 15 agent, 1 system" \
    test "$(cat "$TMP/real-expected")" = "{'user': 13, 'bot': 3, 'agent': 15, 'system': 1}"
  expect "real Contact Lens file: 32 turns" grep -q '"turns":32,' "$TMP/real.json"
  expect "real Contact Lens file: the agent joined, so no missed-escalation" \
    test "$(summary_field "$TMP/real.json" "s['rules']['missed-escalation']['conversations']")" = 0
  expect "real Contact Lens file: handed off" \
    test "$(summary_field "$TMP/real.json" "s['escalation']['handed_off']")" = 1
  expect "real Contact Lens file: the id is the ContactId" \
    bash -c "'$BIN' show b49644f6-672f-445c-b209-f76b36482830 '$REAL' | grep -q '^conversation b49644f6'"
fi

finish
