#!/usr/bin/env bash
# Two Club nodes on one PostgreSQL, hit with races and faults; prints what each caller was told and the
# invariants (ledger = balances = open lots, no double credit, no mail sent twice, no job run left open).
#
#   tools/faults/two-node-faults.sh [postgres_port] [node_a_port] [node_b_port]   (default 55432 5181 5182)
#
# Builds nothing: run `dotnet build Club.sln` (or -c Release with CONFIG=Release) first. Everything lives
# in a throwaway folder (WORK, kept when KEEP=1). The functions (pg_start/pg_stop/pg_restart, node_start/
# node_kill/node_stop, sign_in, post_form, sql) are meant to be reused: `FAULTS_LIB=1 source` this file
# to get them without running the scenario (the production check puts nginx in front of the same nodes).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_PORT=${1:-${PG_PORT:-55432}}
PORT_A=${2:-${PORT_A:-5181}}
PORT_B=${3:-${PORT_B:-5182}}
CONFIG=${CONFIG:-Debug}
WORK=${WORK:-$(mktemp -d /tmp/club-faults.XXXXXX)}
mkdir -p "$WORK"
chmod 755 "$WORK"
SITE_DIR="$ROOT/src/Club.Web/bin/$CONFIG/net10.0"
FACTORY="$ROOT/tools/Club.Factory/bin/$CONFIG/net10.0/club-factory"
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
DB_PASSWORD=faults-only
CONN="Host=127.0.0.1;Port=$PG_PORT;Database=club;Username=club;Password=$DB_PASSWORD"
KEY_SERIAL=${KEY_SERIAL:-$(head -c32 /dev/urandom | base64)}
KEY_SCRATCH=${KEY_SCRATCH:-$(head -c32 /dev/urandom | base64)}
DEMO_PASSWORD=club-demo-2026

# PostgreSQL refuses to run as root: then it runs as the postgres user, which owns its folder.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_start() {
    if [ ! -f "$WORK/pg/PG_VERSION" ]; then
        mkdir -p "$WORK/pg" && echo "$DB_PASSWORD" >"$WORK/pg.pw"
        touch "$WORK/pg.log"
        if [ "$(id -u)" = 0 ]; then chown postgres "$WORK/pg" "$WORK/pg.pw" "$WORK/pg.log"; fi
        as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U club --pwfile "$WORK/pg.pw" --auth scram-sha-256 -E UTF8 --no-locale >/dev/null
    fi
    # PostgreSQL's default max_connections: two nodes fit it with the default pool sizes (docs/operations.md).
    as_pg "$PG_BIN/pg_ctl" start -D "$WORK/pg" -l "$WORK/pg.log" -w -t 60 \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=100" >/dev/null
    sql_on postgres "SELECT 1 FROM pg_database WHERE datname = 'club'" | grep -q 1 || sql_on postgres "CREATE DATABASE club" >/dev/null
}
pg_stop() { as_pg "$PG_BIN/pg_ctl" stop -D "$WORK/pg" -m fast -w >/dev/null; }
pg_restart() { as_pg "$PG_BIN/pg_ctl" restart -D "$WORK/pg" -m fast -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=100" >/dev/null; }

factory() {
    (cd "$WORK" && ConnectionStrings__Club="$CONN" Club__Keys__Serial="$KEY_SERIAL" Club__Keys__Scratch="$KEY_SCRATCH" Club__AppData="$WORK/app-a" \
        "$FACTORY" "$@" >/dev/null)
}

# Waits for the background posts of a step only (a bare `wait` would wait for the nodes too).
wait_posts() { local pid; for pid in "${POSTS[@]}"; do wait "$pid" 2>/dev/null || true; done; POSTS=(); }
POSTS=()

sql_on() { PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U club -d "$1" -XAtq -c "$2"; }
sql() { sql_on club "$1"; }

# node_start NAME PORT [extra environment assignments...]
node_start() {
    local name=$1 port=$2
    shift 2
    env ConnectionStrings__Club="$CONN" Club__Keys__Serial="$KEY_SERIAL" Club__Keys__Scratch="$KEY_SCRATCH" \
        Club__SeedDemoData=true Club__AppData="$WORK/app-$name" Club__Mail__PickupDirectory="$WORK/mail" \
        Club__Tags__PublicBaseUrl="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production "$@" \
        dotnet "$SITE_DIR/Club.Web.dll" --contentRoot "$SITE_DIR" --urls "http://127.0.0.1:$port" >>"$WORK/$name.log" 2>&1 &
    echo $! >"$WORK/$name.pid"
}
node_wait() { for _ in $(seq 240); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return 0; sleep 0.5; done; return 1; }
node_kill() { kill -9 "$(cat "$WORK/$1.pid")" 2>/dev/null || true; wait "$(cat "$WORK/$1.pid")" 2>/dev/null || true; }
node_stop() { kill -TERM "$(cat "$WORK/$1.pid")" 2>/dev/null || true; wait "$(cat "$WORK/$1.pid")" 2>/dev/null || true; }

# post_form JAR URL [name=value...]: loads the page's hidden fields (antiforgery token, form handler; each
# name once: the sign-out form repeats the token, and a doubled token is refused), posts them with the given values, prints "status body-file". Cookies are read from JAR and saved back only
# with SAVE=1 (signing in), so parallel posts with one JAR do not overwrite each other's file.
post_form() {
    local jar=$1 url=$2 page fields=()
    shift 2
    page=$(curl -s -b "$jar" "$url")
    while IFS=$'\t' read -r name value; do fields+=(--data-urlencode "$name=$value"); done < <(
        grep -o '<input type="hidden" name="[^"]*" value="[^"]*"' <<<"$page" | sed -E 's/.*name="([^"]*)" value="([^"]*)"/\1\t\2/' | sed 's/&#x2B;/+/g; s/&#x2F;/\//g; s/&#x3D;/=/g' | awk -F'\t' '!seen[$1]++')
    for pair in "$@"; do fields+=(--data-urlencode "$pair"); done
    post_fields "$jar" "$url" "${fields[@]}"
}
post_fields() {
    local jar=$1 url=$2 out
    shift 2
    out=$(mktemp "$WORK/resp.XXXXXX")
    local save=()
    [ "${SAVE:-0}" = 1 ] && save=(-c "$jar")
    echo "$(curl -s -o "$out" -w '%{http_code}' -b "$jar" "${save[@]}" "$url" "$@") $out"
}
# The sign-in page's antiforgery cookie is saved first; every later form of that session uses it.
sign_in() { curl -s -c "$1" -o /dev/null "$2/account/sign-in"; SAVE=1 post_form "$1" "$2/account/sign-in" "Input.Email=$3" "Input.Password=$4" >/dev/null; }
sign_up() {
    curl -s -c "$1" -o /dev/null "$2/account/sign-up"
    SAVE=1 post_form "$1" "$2/account/sign-up" "Input.FullName=Проверка Отказов" "Input.Email=$3" "Input.Phone=+7 9$((RANDOM % 90 + 10)) $((RANDOM * 97 % 9000000 + 1000000))" \
        "Input.Password=$4" "Input.Consent=true" >/dev/null
}
# What a registration page said, in one word.
verdict() {
    local status=$1 file=$2
    case "$status" in
        200) if grep -q 'Изделие зарегистрировано на вас' "$file"; then echo registered
             elif grep -q 'Вы уже зарегистрировали это изделие' "$file"; then echo already-yours
             elif grep -q 'уже зарегистрировано другим участником' "$file"; then echo someone-elses
             else echo other-200; fi ;;
        303) echo form-not-sent ;;
        *) echo "http-$status" ;;
    esac
}
tally() { sort | uniq -c | awk '{printf "%s %s, ", $1, $2}' | sed 's/, $/\n/'; }

invariants() {
    echo "== invariants"
    echo "members whose balance differs from their ledger:    $(sql "SELECT count(*) FROM members m LEFT JOIN points_balances b ON b.member_id = m.id LEFT JOIN (SELECT member_id, sum(amount) s FROM points_entries GROUP BY member_id) e ON e.member_id = m.id WHERE coalesce(b.balance,0) <> coalesce(e.s,0)")"
    echo "members whose balance differs from their open lots: $(sql "SELECT count(*) FROM members m LEFT JOIN points_balances b ON b.member_id = m.id LEFT JOIN (SELECT member_id, sum(remaining) s FROM points_lots GROUP BY member_id) l ON l.member_id = m.id WHERE coalesce(b.balance,0) <> coalesce(l.s,0)")"
    echo "registered tags / registration credits:             $(sql "SELECT (SELECT count(*) FROM tags WHERE owner_member_id IS NOT NULL) || ' / ' || (SELECT count(*) FROM points_entries WHERE idempotency_key LIKE 'register:%')")"
    echo "credits paid twice (same reason and reference):     $(sql "SELECT count(*) FROM (SELECT member_id, reason, reference_type, reference_id FROM points_entries WHERE amount > 0 GROUP BY 1,2,3,4 HAVING count(*) > 1) d")"
    echo "sales over a seller's daily cap (50):               $(sql "SELECT count(*) FROM (SELECT seller_id FROM sales GROUP BY seller_id, recorded_at::date HAVING count(*) > 50) d")"
    local files dup
    mkdir -p "$WORK/mail"
    files=$(find "$WORK/mail" -name '*.eml' | wc -l)
    dup=$( (find "$WORK/mail" -name '*.eml' -exec sh -c 'grep -m1 -i "^To:" "$1"; grep -m1 -i "^Subject:" "$1"' _ {} \; || true) | paste - - | sort | uniq -d | wc -l)
    echo "mails sent (outbox rows marked sent / .eml files):  $(sql "SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL") / $files; same recipient and subject twice: $dup"
    echo "job runs still open:                                $(sql "SELECT count(*) FROM job_runs WHERE finished_at IS NULL")"
}

scenario() {
    echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); work folder $WORK"
    pg_start
    # 1. Both nodes start at once on the empty database: migrations and demo data run once.
    node_start a "$PORT_A"; node_start b "$PORT_B" Club__RateLimits__PerAccountPerMinute=1000 Club__RateLimits__PerAddressPerMinute=100000
    node_wait "$PORT_A" && echo "node a up" || { tail -30 "$WORK/a.log"; exit 1; }
    node_wait "$PORT_B" && echo "node b up" || { tail -30 "$WORK/b.log"; exit 1; }
    local A="http://127.0.0.1:$PORT_A" B="http://127.0.0.1:$PORT_B"
    # Node a keeps the default limits (for the cross-node limit check); restart it with raised ones for the races.
    node_stop a; node_start a "$PORT_A" Club__RateLimits__PerAccountPerMinute=1000 Club__RateLimits__PerAddressPerMinute=100000; node_wait "$PORT_A"

    # Tags on sale: a batch of 100, printed, shipped to the first partner, activated.
    local partner batch
    partner=$(sql "SELECT name FROM partners ORDER BY id LIMIT 1")
    (cd "$WORK" && ConnectionStrings__Club="$CONN" Club__Keys__Serial="$KEY_SERIAL" Club__Keys__Scratch="$KEY_SCRATCH" Club__AppData="$WORK/app-a" \
        Club__Tags__PublicBaseUrl="$A" "$FACTORY" batch create --sku AQ-SEA-R01 --count 100 --out "$WORK/print" >/dev/null)
    batch=$(sql "SELECT max(id) FROM tag_batches")
    factory batch mark-printed "$batch"
    factory batch ship "$batch" --partner "$partner"
    factory batch activate "$batch"
    mapfile -t rows < <(tail -n +2 "$WORK"/print/*.csv | cut -d, -f1,3)

    # Two buyers, each signed in on both nodes.
    local buyer2="faults-$RANDOM@example.com"
    sign_up "$WORK/b2-a.jar" "$A" "$buyer2" "faults-pass-1"
    sign_in "$WORK/b1-a.jar" "$A" buyer@club.demo "$DEMO_PASSWORD"; sign_in "$WORK/b1-b.jar" "$B" buyer@club.demo "$DEMO_PASSWORD"
    sign_in "$WORK/b2-b.jar" "$B" "$buyer2" "faults-pass-1"

    # 2. Registration races: for 10 tags, each buyer posts 5 times on each node at once (20 posts per tag).
    echo "== registration races: 10 tags x 20 posts (2 buyers x 2 nodes x 5)"
    : >"$WORK/race.txt"
    for i in $(seq 0 9); do
        local serial=${rows[$i]%%,*} code=${rows[$i]##*,}
        for jar in b1-a b1-b b2-a b2-b; do
            local base=$A
            if [[ $jar == *-b ]]; then base=$B; fi
            for _ in 1 2 3 4 5; do
                ( read -r status file < <(post_form "$WORK/$jar.jar" "$base/T/$serial" "code=$code"); echo "$(verdict "$status" "$file")" >>"$WORK/race.txt" ) & POSTS+=($!)
            done
        done
        wait_posts
    done
    echo "answers: $(tally <"$WORK/race.txt")"

    # 3. kill -9 of node a in the middle of 40 registrations (tags 10-49) spread over both nodes.
    echo "== kill -9 of node a during 40 registrations"
    : >"$WORK/kill.txt"
    for i in $(seq 10 49); do
        local serial=${rows[$i]%%,*} code=${rows[$i]##*,} jar=b1-a base=$A
        if (( i % 2 )); then jar=b1-b; base=$B; fi
        ( read -r status file < <(post_form "$WORK/$jar.jar" "$base/T/$serial" "code=$code"); echo "$(verdict "$status" "$file")" >>"$WORK/kill.txt" ) & POSTS+=($!)
        if [ "$i" = 20 ]; then node_kill a; fi
    done
    wait_posts
    echo "answers: $(tally <"$WORK/kill.txt") (http-000: the killed node's connection closed)"
    node_start a "$PORT_A" Club__RateLimits__PerAccountPerMinute=1000 Club__RateLimits__PerAddressPerMinute=100000; node_wait "$PORT_A" && echo "node a back"
    # The killed node's registrations: every tag is either registered (with its credit) or still free.
    for i in $(seq 10 49); do
        local serial=${rows[$i]%%,*} code=${rows[$i]##*,}
        post_form "$WORK/b1-b.jar" "$B/T/$serial" "code=$code" >/dev/null
    done

    # 4. PostgreSQL restart while both nodes serve 400 scan-page views and 20 registrations.
    echo "== PostgreSQL restart during 400 scans and 20 registrations"
    local scans_before
    scans_before=$(sql "SELECT coalesce(sum(scans),0) FROM tag_scan_counts")
    : >"$WORK/restart.txt"
    for i in $(seq 0 399); do
        local serial=${rows[$((50 + i % 50))]%%,*} base=$A
        if (( i % 2 )); then base=$B; fi
        ( echo "scan-http-$(curl -s -o /dev/null -w '%{http_code}' "$base/T/$serial")" >>"$WORK/restart.txt" ) & POSTS+=($!)
        if (( i < 20 )); then
            local rserial=${rows[$((50 + i))]%%,*} rcode=${rows[$((50 + i))]##*,}
            ( read -r status file < <(post_form "$WORK/b2-b.jar" "$B/T/$rserial" "code=$rcode"); echo "register-$(verdict "$status" "$file")" >>"$WORK/restart.txt" ) & POSTS+=($!)
        fi
        if [ "$i" = 100 ]; then pg_restart & POSTS+=($!); fi
        if (( i % 50 == 49 )); then wait_posts; fi
    done
    wait_posts
    echo "answers: $(tally <"$WORK/restart.txt")"
    local counted=0
    for _ in $(seq 60); do
        counted=$(( $(sql "SELECT coalesce(sum(scans),0) FROM tag_scan_counts") - scans_before ))
        if [ "$counted" -ge "$(grep -c 'scan-http-200' "$WORK/restart.txt")" ]; then break; fi
        sleep 1
    done
    echo "scan views answered 200: $(grep -c 'scan-http-200' "$WORK/restart.txt"); views written to the log: $counted"

    # 5. Limits across nodes: one account, 20 wrong codes in a minute alternating nodes, against 10 per account.
    echo "== per-account limit with two nodes (limit 10 per minute)"
    node_stop a; node_stop b
    node_start a "$PORT_A"; node_start b "$PORT_B"; node_wait "$PORT_A"; node_wait "$PORT_B"
    sign_in "$WORK/l-a.jar" "$A" "$buyer2" "faults-pass-1"; sign_in "$WORK/l-b.jar" "$B" "$buyer2" "faults-pass-1"
    : >"$WORK/limit.txt"
    for i in $(seq 1 20); do
        local serial=${rows[99]%%,*} jar=l-a base=$A
        if (( i % 2 )); then jar=l-b; base=$B; fi
        read -r status _ < <(post_form "$WORK/$jar.jar" "$base/T/$serial" "code=AAAA-AAAA-AAA")
        echo "http-$status" >>"$WORK/limit.txt"
    done
    echo "answers: $(tally <"$WORK/limit.txt") (200 = accepted, 429 = limited)"

    # Let the mail job (every minute) and a job run or two go by before counting.
    sleep "${SETTLE_SECONDS:-70}"
    invariants
    echo "unhandled exceptions (500s) logged by the nodes:    $(cat "$WORK"/a.log "$WORK"/b.log | grep -ci 'unhandled exception' || true)"
}

cleanup() {
    node_stop a 2>/dev/null || true; node_stop b 2>/dev/null || true
    pg_stop 2>/dev/null || true
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}

if [ "${FAULTS_LIB:-0}" != 1 ]; then
    trap cleanup EXIT
    scenario
fi
