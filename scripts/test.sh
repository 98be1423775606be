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
# Services the tests need: a private PostgreSQL cluster (its own temp data dir, its own port,
# 127.0.0.1 only; another cluster may already listen on 5432), run as the postgres user because
# initdb refuses root (stack-notes §2). TCP logins need a password (a random one per run), so the
# tests can also check what a wrong password does; the unix socket in the data dir is trusted and
# used only by this script. The tests find the server through DLT_TEST_POSTGRES. A caller that
# already exports DLT_TEST_POSTGRES keeps its own server and nothing is started.
# ---------------------------------------------------------------------------------------------
pg_data=""
pg_bin=""

find_pg_bin() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
    if [[ -n "$initdb" ]]; then
        pg_bin=$(dirname "$initdb")
    fi
}

run_as_postgres() {
    # From /: the postgres user may not be allowed into the repository folder.
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# The first free port from DLT_TEST_POSTGRES_PORT (default 55432) on: another run may hold one.
free_port() {
    local port
    for ((port = ${DLT_TEST_POSTGRES_PORT:-55432}; port < ${DLT_TEST_POSTGRES_PORT:-55432} + 100; port++)); do
        if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

start_services() {
    if [[ -n "${DLT_TEST_POSTGRES:-}" ]]; then
        echo "postgres: using DLT_TEST_POSTGRES from the environment"
        return
    fi

    find_pg_bin
    if [[ -z "$pg_bin" ]]; then
        if [[ $(id -u) -ne 0 ]]; then
            echo "postgres: not installed and not root: cannot apt-get install postgresql" >&2
            return 1
        fi
        echo "postgres: installing Debian's postgresql package"
        apt-get update -q >/dev/null || return 1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null || return 1
        find_pg_bin
        if [[ -z "$pg_bin" ]]; then
            echo "postgres: apt-get install postgresql left no /usr/lib/postgresql/*/bin/initdb" >&2
            return 1
        fi
    fi

    # Called as `if ! start_services`, where errexit is off: every step checks its own status.
    pg_data=$(mktemp -d -t dlt-pg.XXXXXX) || return 1
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$pg_data" || return 1
    fi
    local pg_port pg_password
    pg_port=$(free_port) || { echo "postgres: no free port from ${DLT_TEST_POSTGRES_PORT:-55432} on" >&2; return 1; }
    pg_password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    printf '%s\n' "$pg_password" >"$pg_data.pw" && chmod 644 "$pg_data.pw" || return 1
    run_as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres -E UTF8 --no-sync \
        --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pg_data.pw" >/dev/null || return 1
    rm -f "$pg_data.pw"
    # fsync and friends off: a test cluster that dies with the run needs no durability.
    run_as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null || {
        echo "postgres: the server did not start; its log:" >&2
        cat "$pg_data/server.log" >&2 || true
        return 1
    }
    run_as_postgres "$pg_bin/psql" -h "$pg_data" -p "$pg_port" -U postgres -d postgres -qAt -c "CREATE DATABASE dlt_tests" >/dev/null || return 1
    export DLT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=dlt_tests"
    echo "postgres: $("$pg_bin/postgres" --version) on 127.0.0.1:$pg_port, data dir $pg_data"
}

stop_services() {
    if [[ -n "$pg_data" && -n "$pg_bin" ]]; then
        run_as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null || true
        rm -rf "$pg_data"
        pg_data=""
    fi
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
