#!/usr/bin/env bash
# Builds bench/Dlt.Bench (Release, this machine's RID) and runs it; arguments go to the harness.
#   bash scripts/bench.sh --quick              smaller sizes: under 4 minutes on 2 cores
#   bash scripts/bench.sh                      the full run (issue 4's sizes): under 25 minutes
#   bash scripts/bench.sh --only flat,nested   some workloads only (also with --quick)
# Prints progress, then the markdown table, and writes bench/results/latest.json (and latest.md).
# Exits non-zero when the build fails or any variant failed. bench/README.md explains the table.
# The `postgres` variants of flat, flat_load, merge and json_*, and scale_out, run against a private PostgreSQL cluster started
# here the way scripts/test.sh starts its own (scripts/postgres.sh), stopped at the end; the
# harness and its children find it through DLT_BENCH_POSTGRES (an Npgsql keyword connection
# string). A DLT_BENCH_POSTGRES already exported is used as it is and nothing is started.
set -euo pipefail

cd "$(dirname "$0")/.."
repo_dir=$(pwd -P)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

started=$SECONDS
project=bench/Dlt.Bench/Dlt.Bench.csproj

dotnet build "$project" -c Release -nologo -v quiet
harness=$(dotnet msbuild "$project" -nologo -p:Configuration=Release -getProperty:TargetPath)
# The startup workload runs the dlt tool published as a user gets it: plain (JIT) and ReadyToRun.
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
cli_out="$repo_dir/artifacts/bench-cli"
dotnet publish src/Dlt.Cli/Dlt.Cli.csproj -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=false -o "$cli_out/jit" -nologo -v quiet
dotnet publish src/Dlt.Cli/Dlt.Cli.csproj -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$cli_out/r2r" -nologo -v quiet
export DLT_BENCH_CLI_JIT="$cli_out/jit/Dlt.Cli" DLT_BENCH_CLI_R2R="$cli_out/r2r/Dlt.Cli"
# The scale_out workload's worker processes are the scale-out test's worker program (not referenced
# by the harness: it is run as a process, the way users run their workers).
worker_project=tests/Dlt.ScaleOutWorker/Dlt.ScaleOutWorker.csproj
dotnet build "$worker_project" -c Release -nologo -v quiet
DLT_BENCH_SCALE_OUT_WORKER=$(dotnet msbuild "$worker_project" -nologo -p:Configuration=Release -getProperty:TargetPath)
export DLT_BENCH_SCALE_OUT_WORKER
built=$SECONDS

# Only when a selected workload needs it: flat, flat_load, merge, json_flat, json_nested, scale_out (all run without --only).
needs_postgres=true
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    if [[ "${args[i]}" == "--only" && $((i + 1)) -lt ${#args[@]} ]]; then
        needs_postgres=false
        IFS=',' read -ra only <<<"${args[i + 1]}"
        for name in "${only[@]}"; do
            if [[ "$name" == "flat" || "$name" == "flat_load" || "$name" == "merge" || "$name" == "scale_out" || "$name" == json_* ]]; then
                needs_postgres=true
            fi
        done
    fi
done

# shellcheck source=scripts/postgres.sh
source "$repo_dir/scripts/postgres.sh"
trap postgres_stop EXIT
# A server that cannot start fails the postgres variants (their rows say why); the rest still run.
if [[ "$needs_postgres" == true ]] && ! postgres_start DLT_BENCH_POSTGRES dlt_bench; then
    echo "bench.sh: postgres could not be started: the postgres variants fail" >&2
fi

rc=0
dotnet "$harness" --out bench/results/latest.json "$@" || rc=$?

echo "bench.sh: wall time $((SECONDS - started)) s (build $((built - started)) s)"
exit "$rc"
