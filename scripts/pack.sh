#!/usr/bin/env bash
# Builds the NuGet packages (Dlt, Dlt.DuckDb, Dlt.Postgres, Dlt.Rest and the dlt tool Dlt.Cli), with
# their symbol packages, into a local folder feed.
#   bash scripts/pack.sh [output dir] [version suffix]
# Default output: artifacts/packages. A suffix (for example ci.1) makes the version 0.1.0-ci.1.
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-artifacts/packages}
suffix=${2:-}
mkdir -p "$out"
out=$(cd "$out" && pwd -P)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
args=(-c Release -o "$out" -p:ContinuousIntegrationBuild=true)
if [[ -n "$suffix" ]]; then
    args+=(--version-suffix "$suffix")
fi

for project in Dlt Dlt.DuckDb Dlt.Postgres Dlt.Rest Dlt.Cli; do
    dotnet pack "src/$project/$project.csproj" "${args[@]}" >/dev/null
done

ls "$out"/*.nupkg "$out"/*.snupkg
