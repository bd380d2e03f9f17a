#!/usr/bin/env bash
# The project's test command:  bash scripts/test.sh [extra dotnet test arguments, e.g. --filter X]
#
# 1. starts PostgreSQL and Redis on loopback (scripts/services.sh, installs them if missing),
# 2. exports MICROTASK_TEST_POSTGRES / MICROTASK_TEST_REDIS (unless already set),
# 3. builds Microtask.Bot.sln in Release, then runs every test project in it,
# 4. ends with one line summing all projects:  tests: N passed, N failed[, N skipped]
#
# Exits non-zero when the build or any test fails, or when no test ran at all.
# The full output is kept in artifacts/test/dotnet-test.log (git-ignored).
#
# Environment knobs:
#   MICROTASK_TEST_POSTGRES, MICROTASK_TEST_REDIS   connection strings (defaults below)
#   MICROTASK_BROWSER_TESTS=1 (or a file tests/.browser-tests)  install Debian's chromium first
#   MICROTASK_TEST_TIMEOUT        wall-clock limit for dotnet test (default 75m; CI allows 90m)
#   MICROTASK_TEST_HANG_TIMEOUT   one test host without progress this long is aborted (default 15m)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE="${DOTNET_CLI_UI_LANGUAGE:-en}"   # summary lines parsed below are English
export MSBUILDDISABLENODEREUSE=1                                   # no build servers left running

# Browser tests (headless Chromium from Debian, driven by Playwright): the sandbox web chat's test.
# The committed marker file tests/.browser-tests turns this on; without chromium that test is skipped.
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then
    return 0
  fi
  echo "test: installing Debian's chromium for browser tests" >&2
  apt-get -o DPkg::Lock::Timeout=300 update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
    --no-install-recommends chromium >&2
  command -v chromium >/dev/null 2>&1 || { echo "test: ERROR: chromium not found after install" >&2; exit 1; }
}

if [ "${MICROTASK_BROWSER_TESTS:-0}" = "1" ] || [ -f tests/.browser-tests ]; then
  ensure_chromium
fi

bash "$ROOT/scripts/services.sh"

export MICROTASK_TEST_POSTGRES="${MICROTASK_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=microtask;Password=microtask;Database=microtask_test}"
export MICROTASK_TEST_REDIS="${MICROTASK_TEST_REDIS:-127.0.0.1:6379}"

LOG_DIR="$ROOT/artifacts/test"
LOG="$LOG_DIR/dotnet-test.log"
TRX_NAME="microtask-tests.trx"
mkdir -p "$LOG_DIR"
# Each test project writes its own <project>/TestResults/$TRX_NAME; drop old ones so that a
# project which no longer builds cannot be counted from a previous run.
find "$ROOT/tests" "$ROOT/src" -path "*/TestResults/$TRX_NAME" -type f -delete 2>/dev/null || true

# The whole solution is built first and the test projects then start together: built by `dotnet test` itself, each
# project's tests would start only once its own build was done, and the bot's (the longest) would come last.
build_and_test() {
  dotnet build Microtask.Bot.sln -c Release </dev/null 2>&1 || return
  dotnet test Microtask.Bot.sln -c Release --no-build \
    --logger "console;verbosity=normal" \
    --logger "trx;LogFileName=$TRX_NAME" \
    --blame-hang-timeout "${MICROTASK_TEST_HANG_TIMEOUT:-15m}" --blame-hang-dump-type none \
    "$@" </dev/null 2>&1
}
export -f build_and_test
export TRX_NAME

set +e
timeout --kill-after=60s "${MICROTASK_TEST_TIMEOUT:-75m}" bash -c 'build_and_test "$@"' build_and_test "$@" | tee "$LOG"
rc=${PIPESTATUS[0]}
set -e

# Sum the counters of every project's TRX file (projects run in parallel, so their console
# summaries interleave; the TRX files do not):
#   <Counters total="12" executed="12" passed="12" failed="0" error="0" timeout="0" aborted="0" ... notExecuted="0" ... />
# failed = failed + error + timeout + aborted; skipped = the rest of total (xunit's Skip is not
# counted in notExecuted, only in total).
mapfile -t TRX_FILES < <(find "$ROOT/tests" "$ROOT/src" -path "*/TestResults/$TRX_NAME" -type f 2>/dev/null | sort)
passed=0 failed=0 skipped=0 projects=${#TRX_FILES[@]}
if [ "$projects" -gt 0 ]; then
  read -r passed failed skipped < <(
    grep -h '<Counters ' "${TRX_FILES[@]}" | awk '
      function attr(name,   re) {
        re = " " name "=\"[0-9]+\""
        if (match($0, re)) { v = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", v); return v + 0 }
        return 0
      }
      {
        pp = attr("passed")
        ff = attr("failed") + attr("error") + attr("timeout") + attr("aborted")
        ss = attr("total") - pp - ff
        p += pp; f += ff; if (ss > 0) s += ss
      }
      END { printf "%d %d %d\n", p, f, s }')
fi

status=0
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  echo "test: ERROR: dotnet test exceeded ${MICROTASK_TEST_TIMEOUT:-75m} and was stopped" >&2
  status=1
elif [ "$rc" -ne 0 ]; then
  echo "test: ERROR: dotnet build or test exited with code $rc (build error, failing test or crashed test host; see $LOG)" >&2
  status=1
fi
if [ "$((passed + failed))" -eq 0 ]; then
  echo "test: ERROR: no test ran (test projects reporting: $projects)" >&2
  status=1
fi
if [ "$rc" -eq 0 ] && [ "$failed" -gt 0 ]; then
  status=1
fi

# Name what failed at the very end (CI shows only the tail of the output): each failed test
# from the TRX files with the first lines of its message.
if [ "$failed" -gt 0 ] && [ "$projects" -gt 0 ]; then
  echo "failed tests:"
  awk '
    /<UnitTestResult / && / outcome="(Failed|Error|Timeout|Aborted)"/ {
      if (match($0, /testName="[^"]*"/)) { name = substr($0, RSTART + 10, RLENGTH - 11); print "  - " name; inres = 1; lines = 0 }
      next
    }
    inres && /<\/UnitTestResult>/ { inres = 0; next }
    inres && /<Message>/ { inmsg = 1 }
    inres && inmsg && lines < 6 { line = $0; gsub(/<\/?Message>/, "", line); gsub(/^[ \t]+/, "", line); print "      " line; lines++ }
    inmsg && /<\/Message>/ { inmsg = 0 }
  ' "${TRX_FILES[@]}" | head -200
fi

echo "test projects: $projects; log: $LOG"
if [ "$skipped" -gt 0 ]; then
  echo "tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "tests: $passed passed, $failed failed"
fi
exit "$status"
