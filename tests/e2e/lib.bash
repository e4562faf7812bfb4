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

# sanitized: the binary links AddressSanitizer (memory figures mean nothing then)
sanitized() {
  ldd "$BIN" 2> /dev/null | grep -q 'libasan'
}

finish() {
  echo "$(basename "$0"): $((CHECKS - FAILURES)) passed, $FAILURES failed"
  [ "$FAILURES" = 0 ]
}
