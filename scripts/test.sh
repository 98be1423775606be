#!/usr/bin/env bash
# The one test command (README, .ci/run): builds the solution once, runs every test project
# against that build, and closes with one line that CI reads:
#   tests: N passed, N failed[, N skipped]
# The exit code is non-zero when the build fails, when any `dotnet test` fails, or when no test ran.
set -euo pipefail

cd "$(dirname "$0")/.."
repo_dir=$(pwd -P)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
# The summary lines parsed below are VSTest's English ones.
export DOTNET_CLI_UI_LANGUAGE=en

configuration=Release
test_projects=(
    tests/Dlt.Tests
    tests/Dlt.IntegrationTests
    tests/Dlt.ConformanceTests
)

# ---------------------------------------------------------------------------------------------
# Services the tests need: a private PostgreSQL cluster (scripts/postgres.sh: its own temp data
# dir, its own port, 127.0.0.1 only, run as the postgres user). The tests find the server through
# DLT_TEST_POSTGRES. A caller that already exports DLT_TEST_POSTGRES keeps its own server and
# nothing is started.
# ---------------------------------------------------------------------------------------------
# shellcheck source=scripts/postgres.sh
source "$repo_dir/scripts/postgres.sh"

start_services() {
    postgres_start DLT_TEST_POSTGRES dlt_tests
}

stop_services() {
    postgres_stop
}

log_dir=$(mktemp -d)
cleanup() {
    stop_services || true
    rm -rf "$log_dir"
}
trap cleanup EXIT

# The conformance corpus lives beside the repository (../shared/conformance) unless the caller
# points DLT_CONFORMANCE_DIR elsewhere.
if [[ -z "${DLT_CONFORMANCE_DIR:-}" && -d "$repo_dir/../shared/conformance" ]]; then
    DLT_CONFORMANCE_DIR=$(cd "$repo_dir/../shared/conformance" && pwd -P)
    export DLT_CONFORMANCE_DIR
fi
conformance_note=""
if [[ -z "${DLT_CONFORMANCE_DIR:-}" || ! -d "$DLT_CONFORMANCE_DIR" ]]; then
    conformance_note="conformance corpus not found: the conformance cases were not run"
    echo "$conformance_note"
else
    echo "conformance corpus: $DLT_CONFORMANCE_DIR"
fi

started=$SECONDS

build_rc=0
dotnet build Dlt.slnx -c "$configuration" -nologo || build_rc=$?
if ((build_rc != 0)); then
    echo "build failed (exit code $build_rc): no tests were run" >&2
    exit "$build_rc"
fi
built=$SECONDS

# A server that cannot start is not a reason to skip: the PostgreSQL tests then fail, saying
# DLT_TEST_POSTGRES is missing, and the other tests still run and are counted.
services_note=""
if ! start_services; then
    services_note="postgres could not be started: the PostgreSQL tests fail (see above)"
    echo "$services_note" >&2
fi

passed=0
failed=0
skipped=0
test_rc=0
for project in "${test_projects[@]}"; do
    log="$log_dir/$(basename "$project").log"
    rc=0
    dotnet test "$project" -c "$configuration" --no-build --nologo 2>&1 | tee "$log" || rc=$?
    if ((rc != 0)); then
        echo "dotnet test $project failed (exit code $rc)"
        test_rc=$rc
    fi
    # VSTest closes each assembly with e.g.
    #   Passed!  - Failed:     0, Passed:     4, Skipped:     1, Total:     5, Duration: 76 ms - X.dll (net10.0)
    # (Failed!/Skipped! when some failed / all skipped). Colour codes are stripped first.
    while read -r f p s; do
        failed=$((failed + f))
        passed=$((passed + p))
        skipped=$((skipped + s))
    done < <(sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log" |
        sed -nE 's/^[[:space:]]*[A-Za-z]+![[:space:]]+-[[:space:]]+Failed:[[:space:]]*([0-9]+),[[:space:]]*Passed:[[:space:]]*([0-9]+),[[:space:]]*Skipped:[[:space:]]*([0-9]+),[[:space:]]*Total:.*$/\1 \2 \3/p')
done

# The packages as a user gets them (scripts/package-test.sh): packed into a folder feed, a fresh
# project outside the repository loads DuckDB from them, and the installed dlt tool ingests and
# scaffolds a project that builds and runs. Counted as one test.
package_started=$SECONDS
if bash scripts/package-test.sh; then
    passed=$((passed + 1))
else
    echo "scripts/package-test.sh failed"
    failed=$((failed + 1))
    test_rc=1
fi
echo "time: package test $((SECONDS - package_started)) s"

echo "time: build $((built - started)) s, tests $((SECONDS - built)) s"
if [[ -n "$conformance_note" ]]; then
    echo "$conformance_note"
fi
if [[ -n "$services_note" ]]; then
    echo "$services_note"
fi

exit_code=0
if ((test_rc != 0)); then
    exit_code=$test_rc
elif ((failed > 0)); then
    echo "some tests failed although dotnet test exited with 0"
    exit_code=1
elif ((passed + failed == 0)); then
    echo "no test ran"
    exit_code=1
fi

summary="tests: $passed passed, $failed failed"
if ((skipped > 0)); then
    summary+=", $skipped skipped"
fi
echo "$summary"
exit "$exit_code"
