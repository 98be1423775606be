#!/usr/bin/env bash
# Builds bench/Dlt.Bench (Release, this machine's RID) and runs it; arguments go to the harness.
#   bash scripts/bench.sh --quick              smaller sizes: under 4 minutes on 2 cores
#   bash scripts/bench.sh                      the full run (issue 4's sizes): under 25 minutes
#   bash scripts/bench.sh --only flat,nested   some workloads only (also with --quick)
# Prints progress, then the markdown table, and writes bench/results/latest.json (and latest.md).
# Exits non-zero when the build fails or any variant failed. bench/README.md explains the table.
set -euo pipefail

cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

started=$SECONDS
project=bench/Dlt.Bench/Dlt.Bench.csproj

dotnet build "$project" -c Release -nologo -v quiet
harness=$(dotnet msbuild "$project" -nologo -p:Configuration=Release -getProperty:TargetPath)
built=$SECONDS

rc=0
dotnet "$harness" --out bench/results/latest.json "$@" || rc=$?

echo "bench.sh: wall time $((SECONDS - started)) s (build $((built - started)) s)"
exit "$rc"
