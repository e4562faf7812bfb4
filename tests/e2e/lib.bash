# Shared by the end-to-end scripts: $BIN is the binary, $ROOT the repository; `expect` counts.
BIN=$1
ROOT=$2
SHARED=${3:-$ROOT/../shared/data}
cd "$ROOT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILURES=0
CHECKS=0

# expect DESCRIPTION COMMAND...: the command must succeed (exit 0)
expect() {
  local what=$1; shift
  CHECKS=$((CHECKS + 1))
  if ! "$@"; then
    echo "FAIL: $what"
    FAILURES=$((FAILURES + 1))
  fi
}

# exit_code_of COMMAND...: prints the command's exit code, output discarded
exit_code_of() {
  set +e
  "$@" > /dev/null 2>&1
  echo $?
  set -e
}

# can_measure_rss: true when max_rss gives meaningful figures; otherwise says why not. Not on a
# sanitizer build (its shadow memory inflates RSS), nor without GNU time.
can_measure_rss() {
  # The build's own cache says whether it is a sanitizer build (clang links ASan statically, so
  # ldd alone would not tell); ldd covers a binary built elsewhere. ldd's output is read whole
  # first: under pipefail, `ldd | grep -q` fails whenever grep exits before ldd has written
  # everything (SIGPIPE), and the check would then run on an ASan build.
  local libs cache
  libs=$(ldd "$BIN" 2> /dev/null || true)
  cache="$(dirname "$BIN")/CMakeCache.txt"
  if [[ $libs == *libasan* ]] || grep -qs '^CHATAUDIT_SANITIZE:BOOL=ON' "$cache"; then
    echo "the binary is built with sanitizers (their shadow memory inflates RSS): the memory checks are skipped"
    return 1
  fi
  if ! { [ -x /usr/bin/time ] && /usr/bin/time -v true > /dev/null 2>&1; }; then
    echo "/usr/bin/time -v is not available: the memory checks are skipped"
    return 1
  fi
}

# max_rss FILE ARGS...: the maximum resident set size in KB of one audit of FILE (one thread)
max_rss() {
  local file=$1; shift
  /usr/bin/time -v "$BIN" audit --threads 1 "$@" "$file" -f json 2> "$TMP/time.err" > /dev/null || true
  sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/time.err"
}

finish() {
  echo "$(basename "$0"): $((CHECKS - FAILURES)) passed, $FAILURES failed"
  [ "$FAILURES" = 0 ]
}
