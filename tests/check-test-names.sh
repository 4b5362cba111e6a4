#!/bin/sh
# CTest learns the Catch2 test names through catch_discover_tests, which splits a name at ';'
# into pieces that match no test: such a test would silently never run. Every TEST_CASE name
# must be free of ';'. Prints the offenders and fails when there are any.
found="$(grep -rnsE --include='*.cpp' 'TEST_CASE\("[^"]*;' "$1")"
if [ -n "$found" ]; then
  echo "$found"
  echo "test names above contain ';': CTest would not run them" >&2
  exit 1
fi
