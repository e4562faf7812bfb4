#!/usr/bin/env bash
# The real binary on samples/ and broken fixtures, compared with tests/golden/ (1 and 2 threads).
exec "$2/scripts/golden" check "$1"
