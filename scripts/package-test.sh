#!/usr/bin/env bash
# What a user gets from the packages: packs them into a local folder feed, then, outside the
# repository, (1) a fresh console project does `dotnet add package Dlt.DuckDb` from that feed, runs a
# pipeline into DuckDB and checks its tables; (2) the dlt tool is installed with
# `dotnet tool install --tool-path` and runs `dlt ingest`, `dlt init default duckdb` (whose project is
# built and run) and `dlt pipeline ... info`. Prints "package test: passed" and exits 0 when all hold.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd -P)
work=$(mktemp -d)
version_suffix="pkgtest.$(date +%s)"
version="0.1.0-$version_suffix"
cleanup() {
    rm -rf "$work"
    # The versions made here are unique to this run: drop them from the global packages folder.
    local cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
    for id in dlt dlt.duckdb dlt.postgres dlt.rest dlt.cli; do
        rm -rf "${cache:?}/$id/$version"
    done
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DLT_DATA_DIR="$work/data" RUNTIME__LOG_LEVEL=WARNING
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)

fail() { echo "package test: FAILED: $*" >&2; exit 1; }

bash "$repo/scripts/pack.sh" "$work/feed" "$version_suffix" >/dev/null
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
XML

# (1) A fresh console project with the library from the feed.
mkdir "$work/app" && cd "$work/app"
cp "$work/nuget.config" .
dotnet new console --framework net10.0 >/dev/null
dotnet add package Dlt.DuckDb --version "$version" >/dev/null
cat > Program.cs <<'CS'
using Dlt;
using Dlt.DuckDb;
using DuckDB.NET.Data;

var pipeline = Pipeline.Create("orders", DuckDbDestination.Create("app.duckdb"), "shop");
var orders = Resource.Create("orders", Enumerable.Range(1, 100).Select(i => new { id = i, lines = new[] { new { sku = $"S{i}" }, new { sku = "X" } } }));
var info = await pipeline.RunAsync(orders);
if (info.HasFailedJobs) throw new InvalidOperationException("failed jobs");
using var connection = new DuckDBConnection("Data Source=app.duckdb");
connection.Open();
using var command = connection.CreateCommand();
command.CommandText = "SELECT (SELECT count(*) FROM shop.orders), (SELECT count(*) FROM shop.orders__lines), (SELECT max(id) FROM shop.orders)";
using var reader = command.ExecuteReader();
reader.Read();
Console.WriteLine($"orders={reader.GetInt64(0)} lines={reader.GetInt64(1)} max_id={reader.GetInt64(2)}");
CS
output=$(dotnet run -c Release -r "$rid" 2>&1) || fail "the console project did not run: $output"
[[ "$output" == *"orders=100 lines=200 max_id=100"* ]] || fail "unexpected tables: $output"
echo "library package: $output"

# (2) The tool, installed from the feed.
cd "$work"
dotnet tool install Dlt.Cli --version "$version" --tool-path "$work/tools" --add-source "$work/feed" >/dev/null
dlt="$work/tools/dlt"
"$dlt" --help | grep -q "ingest" || fail "dlt --help does not list ingest"
# A dlt command is a batch process: the tool runs with dynamic PGO off (docs/cli.md).
runtimeconfig=$(find "$work/tools/.store" -name Dlt.Cli.runtimeconfig.json | head -1)
grep -q '"System.Runtime.TieredPGO": false' "$runtimeconfig" || fail "the installed tool's runtimeconfig ($runtimeconfig) does not turn dynamic PGO off"
printf '{"id": 1, "tags": ["a"]}\n{"id": 2, "tags": []}\n' > events.jsonl
"$dlt" ingest events.jsonl --destination duckdb --dataset raw --table events >/dev/null || fail "dlt ingest failed"
"$dlt" pipeline ingest_events info | grep -q "dataset_name: raw" || fail "dlt pipeline info does not show the dataset"
"$dlt" pipeline ingest_events show | grep -q "events__tags" || fail "dlt pipeline show does not list the tables"
"$dlt" pipeline ingest_events trace | grep -q "Step load COMPLETED" || fail "dlt pipeline trace does not show the run"
if "$dlt" pipeline missing info 2>/dev/null; then fail "dlt pipeline on a missing pipeline exited 0"; fi

mkdir proj && cd proj && cp "$work/nuget.config" .
"$dlt" init default duckdb >/dev/null || fail "dlt init failed"
[[ -f .dlt/config.toml && -f .dlt/secrets.toml && -f default_pipeline.csproj ]] || fail "dlt init did not write the project files"
grep -q "<TieredPGO>false</TieredPGO>" default_pipeline.csproj || fail "the project of dlt init does not turn dynamic PGO off"
output=$(dotnet run -c Release -r "$rid" 2>&1) || fail "the project of dlt init did not run: $output"
[[ "$output" == *"is LOADED and contains no failed jobs"* ]] || fail "the project of dlt init did not load: $output"
[[ -f default_pipeline.duckdb ]] || fail "the project of dlt init wrote no default_pipeline.duckdb"
"$dlt" pipeline default_pipeline info | grep -q "players with 2 table(s): players, players__games" || fail "dlt pipeline info does not list the init project's tables"
echo "tool package: dlt ingest, dlt init (built and run), dlt pipeline info, show, trace"
echo "package test: passed"
