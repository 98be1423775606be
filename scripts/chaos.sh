#!/usr/bin/env bash
# The long fault-injection run of the issue: N SIGKILL trials per destination (default 100), plus
# one trial per fault point, through tests/Dlt.ChaosRunner (the same runner and checks as the
# Reliability tests of tests/Dlt.IntegrationTests). Each trial starts the pipeline as a child
# process, kills it with SIGKILL at a time drawn from its seed (and its reruns, half of the time),
# reruns until the work is done, then checks that the dataset holds exactly one copy of the load
# and the working dir nothing pending or half written.
#   scripts/chaos.sh [trials]       trials per destination (default 100, or CHAOS_TRIALS)
#   CHAOS_SEED=S                    first seed (default 1): trials use S, S+1, ...
#   CHAOS_DESTINATIONS="duckdb"     which destinations (default "duckdb postgres"), run side by side
#   CHAOS_FOLLOW_UP=1               end every SIGKILL trial with an empty follow-up run too
#   CHAOS_LOG=path                  the log (default docs/chaos-log.md): seeds, kill times, what was on
#                                   disk after each kill, each trial's outcome, the commit, the totals
# Exit code 1 when a trial failed. Replay one trial: the log prints the command under a failed trial.
set -euo pipefail

cd "$(dirname "$0")/.."
repo_dir=$(pwd -P)
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_CLI_UI_LANGUAGE=en

trials=${1:-${CHAOS_TRIALS:-100}}
seed=${CHAOS_SEED:-1}
destinations=${CHAOS_DESTINATIONS:-duckdb postgres}
log=${CHAOS_LOG:-docs/chaos-log.md}
follow_up=()
if [[ "${CHAOS_FOLLOW_UP:-0}" == 1 ]]; then
    follow_up=(--follow-up)
fi

dotnet build tests/Dlt.ChaosRunner -c Release -nologo -v quiet
runner=tests/Dlt.ChaosRunner/bin/Release/net10.0/Dlt.ChaosRunner.dll

# shellcheck source=scripts/postgres.sh
source "$repo_dir/scripts/postgres.sh"
work=$(mktemp -d -t dlt-chaos.XXXXXX)
cleanup() {
    postgres_stop || true
    rm -rf "$work"
}
trap cleanup EXIT
if [[ " $destinations " == *" postgres "* ]]; then
    postgres_start DLT_TEST_POSTGRES dlt_chaos
fi

commit=$(git rev-parse HEAD)
if [[ -n "$(git status --porcelain -- src tests scripts)" ]]; then
    commit+=" (with uncommitted changes in src/tests/scripts)"
fi
started=$SECONDS
started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# The destinations run side by side (one writer per DuckDB file, one schema per PostgreSQL trial).
declare -A pids
for destination in $destinations; do
    dotnet "$runner" trials --destination "$destination" --trials "$trials" --seed "$seed" --faults "${follow_up[@]}" \
        --root "$work/$destination" --log "$work/$destination.md" >"$work/$destination.out" 2>&1 &
    pids[$destination]=$!
done

rc=0
totals=()
for destination in $destinations; do
    if ! wait "${pids[$destination]}"; then
        rc=1
    fi
    totals+=("$(tail -n 1 "$work/$destination.out")")
    grep -E '^(Clean run|[a-z]+ trial .*FAILED|[a-z]+: [0-9]+ trials)' "$work/$destination.out" || true
done

{
    echo "# Chaos run"
    echo
    echo "Written by \`scripts/chaos.sh\` (do not edit). Each SIGKILL trial: a \`run\` of the chaos load"
    echo "(tests/Dlt.ChaosRunner: three resources, nested, about 24,000 rows in 11 tables counting the system ones)"
    echo "killed at a time drawn from the trial's seed, then reruns (\`resume\` while a package is pending,"
    echo "\`run\` when the killed run published none), each killed too half of the time (at most 3 kills),"
    echo "then the checks: every table holds the clean run's rows, no \`_dlt_id\` twice, no child row"
    echo "without its parent, \`_dlt_loads\` lists each package once and every load id of the data, on"
    echo "PostgreSQL each table has its one \`_dlt_id\` UNIQUE constraint, and the working dir holds nothing"
    echo "pending, half normalized or temporary. A fault-point trial kills the run"
    echo "at a FaultHook point, resumes, and runs once more with no data (no second state row, no second"
    echo "schema version). \`disk:\` is what the working dir held after the step."
    echo
    echo "- commit: $commit"
    echo "- started: $started_at, took $((SECONDS - started)) s on $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    echo "- command: \`scripts/chaos.sh $trials\` (CHAOS_SEED=$seed, destinations: $destinations${follow_up:+, follow-up runs})"
    echo "- replay a trial: \`dotnet $runner trials --destination <d> --seed <seed> --trials 1\` (with DLT_TEST_POSTGRES set for postgres)"
    echo
    echo "## Totals"
    echo
    for line in "${totals[@]}"; do
        echo "- $line"
    done
    echo
    for destination in $destinations; do
        if [[ -f "$work/$destination.md" ]]; then
            cat "$work/$destination.md"
        else
            echo "## $destination"
            echo
            echo '```'
            cat "$work/$destination.out"
            echo '```'
        fi
    done
} >"$log"

echo "chaos: ${totals[*]}"
echo "chaos: log written to $log"
exit "$rc"
