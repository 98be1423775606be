#!/usr/bin/env bash
# A private PostgreSQL cluster for scripts/test.sh and scripts/bench.sh; sourced, not run:
#   source scripts/postgres.sh
#   postgres_start DLT_TEST_POSTGRES dlt_tests   # exports DLT_TEST_POSTGRES, or returns non-zero
#   postgres_stop                                # stops the cluster and deletes its data dir
# The cluster has its own temp data dir and its own port, listens on 127.0.0.1 only (another
# cluster may already listen on 5432), and runs as the postgres user because initdb refuses root
# (stack-notes §2). Debian's postgresql package is installed when it is missing (as root). TCP
# logins need a password (a random one per run), so the tests can also check what a wrong password
# does; the unix socket in the data dir is trusted and used only by this script. fsync and friends
# are off: a cluster that dies with the run needs no durability. The connection string (Npgsql
# keywords: Host=127.0.0.1;Port=...;Username=postgres;Password=...;Database=...) is exported in the
# variable named by the first argument; a caller that already exports that variable keeps its own
# server and nothing is started. The first port tried is DLT_TEST_POSTGRES_PORT (default 55432).

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

# The first free port from $1 on (default DLT_TEST_POSTGRES_PORT, else 55432): another run may hold one.
free_port() {
    local port first=${1:-${DLT_TEST_POSTGRES_PORT:-55432}}
    for ((port = first; port < first + 100; port++)); do
        if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# postgres_start <variable> <database>: starts the cluster, creates <database>, exports <variable>.
postgres_start() {
    local variable=$1 database=$2
    if [[ -n "${!variable:-}" ]]; then
        echo "postgres: using $variable from the environment"
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

    # Called as `if ! postgres_start`, where errexit is off: every step checks its own status.
    pg_data=$(mktemp -d -t dlt-pg.XXXXXX) || return 1
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$pg_data" || return 1
    fi
    local pg_port pg_password attempt
    pg_password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    printf '%s\n' "$pg_password" >"$pg_data.pw" && chmod 644 "$pg_data.pw" || return 1
    run_as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres -E UTF8 --no-sync \
        --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pg_data.pw" >/dev/null || return 1
    rm -f "$pg_data.pw"
    # A run starting at the same moment may take the port found free: then the next one is tried.
    pg_port=$(free_port) || { echo "postgres: no free port from ${DLT_TEST_POSTGRES_PORT:-55432} on" >&2; return 1; }
    for attempt in 1 2 3 4 5; do
        rm -f "$pg_data/server.log"
        if run_as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null; then
            break
        fi
        if [[ $attempt -lt 5 ]] && grep -q "Address already in use" "$pg_data/server.log"; then
            pg_port=$(free_port $((pg_port + 1))) || return 1
            continue
        fi
        echo "postgres: the server did not start; its log:" >&2
        cat "$pg_data/server.log" >&2 || true
        return 1
    done
    run_as_postgres "$pg_bin/psql" -h "$pg_data" -p "$pg_port" -U postgres -d postgres -qAt -c "CREATE DATABASE $database" >/dev/null || return 1
    export "$variable=Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=$database"
    echo "postgres: $("$pg_bin/postgres" --version) on 127.0.0.1:$pg_port, data dir $pg_data"
}

postgres_stop() {
    if [[ -n "$pg_data" && -n "$pg_bin" ]]; then
        run_as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null || true
        rm -rf "$pg_data"
        pg_data=""
    fi
}
