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
PG_MAX_CONNECTIONS=${PG_MAX_CONNECTIONS:-100}
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
    # Sized as docs/operations.md says for N nodes: PostgreSQL's default 100 fits two, three need 150.
    as_pg "$PG_BIN/pg_ctl" start -D "$WORK/pg" -l "$WORK/pg.log" -w -t 60 \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=$PG_MAX_CONNECTIONS" >/dev/null
    sql_on postgres "SELECT 1 FROM pg_database WHERE datname = 'club'" | grep -q 1 || sql_on postgres "CREATE DATABASE club" >/dev/null
}
pg_stop() { as_pg "$PG_BIN/pg_ctl" stop -D "$WORK/pg" -m fast -w >/dev/null; }
pg_restart() { as_pg "$PG_BIN/pg_ctl" restart -D "$WORK/pg" -m fast -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=$PG_MAX_CONNECTIONS" >/dev/null; }

factory() {
    (cd "$WORK" && ConnectionStrings__Club="$CONN" Club__Keys__Serial="$KEY_SERIAL" Club__Keys__Scratch="$KEY_SCRATCH" Club__AppData="$WORK/app-a" \
        "$FACTORY" "$@" >/dev/null)
}

# nginx in front (SCENARIO=nginx): deploy/nginx/club.conf.template rendered for the running nodes, with a
# self-signed certificate; the same template compose.yaml gives the nginx image.
NGINX_HTTP=${NGINX_HTTP:-5188}
NGINX_HTTPS=${NGINX_HTTPS:-5189}
NGINX_BIN=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
# nginx_start PORT... : the nodes' ports.
nginx_start() {
    local dir="$WORK/nginx" nodes="" port
    mkdir -p "$dir/logs"
    for port in "$@"; do nodes+="server 127.0.0.1:$port max_fails=1 fail_timeout=10s; "; done
    [ -f "$dir/club.crt" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=club.test" \
        -keyout "$dir/club.key" -out "$dir/club.crt" >/dev/null 2>&1
    CLUB_NODES="$nodes" CLUB_HTTP_PORT="127.0.0.1:$NGINX_HTTP" CLUB_HTTPS_PORT="127.0.0.1:$NGINX_HTTPS" CLUB_SERVER_NAME=_ \
        CLUB_TLS_CERT="$dir/club.crt" CLUB_TLS_KEY="$dir/club.key" \
        envsubst '${CLUB_NODES} ${CLUB_HTTP_PORT} ${CLUB_HTTPS_PORT} ${CLUB_SERVER_NAME} ${CLUB_TLS_CERT} ${CLUB_TLS_KEY}' \
        <"$ROOT/deploy/nginx/club.conf.template" >"$dir/club.conf"
    # The part that differs from a packaged nginx: its own folder, pid and logs (and root's workers stay root here).
    cat >"$dir/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 1024; }
http {
    include $dir/club.conf;
    access_log $dir/logs/access.log club_upstream;
}
CONF
    "$NGINX_BIN" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log"
}
nginx_stop() { [ -f "$WORK/nginx/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true; }

# RFC 6238 code of a Base32 key (the demo staff's authenticator), with openssl only.
totp() {
    local key counter mac offset
    key=$(printf '%s' "$1" | base32 -d | od -An -tx1 | tr -d ' \n')
    counter=$(printf '%016x' $(( $(date +%s) / 30 )))
    mac=$(printf "$(sed 's/../\\x&/g' <<<"$counter")" | openssl dgst -sha1 -mac HMAC -macopt "hexkey:$key" | awk '{print $NF}')
    offset=$(( 16#${mac:39:1} * 2 ))
    printf '%06d' $(( (16#${mac:$offset:8} & 0x7fffffff) % 1000000 ))
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
    local jar=$1 url=$2 fields=() line
    shift 2
    while IFS= read -r line; do fields+=(--data-urlencode "$line"); done < <(form_fields "$jar" "$url")
    for pair in "$@"; do fields+=(--data-urlencode "$pair"); done
    post_fields "$jar" "$url" "${fields[@]}"
}
# form_fields JAR URL: the page's hidden fields as name=value lines (CURL_EXTRA chooses how the page is fetched).
form_fields() {
    grep -o '<input type="hidden" name="[^"]*" value="[^"]*"' <<<"$(curl -s ${CURL_EXTRA:-} -b "$1" "$2")" |
        sed -E 's/.*name="([^"]*)" value="([^"]*)"/\1\t\2/' | sed 's/&#x2B;/+/g; s/&#x2F;/\//g; s/&#x3D;/=/g' | awk -F'\t' '!seen[$1]++ {print $1 "=" $2}'
}
post_fields() {
    local jar=$1 url=$2 out
    shift 2
    out=$(mktemp "$WORK/resp.XXXXXX")
    local save=()
    [ "${SAVE:-0}" = 1 ] && save=(-c "$jar")
    # CURL_POST_EXTRA: the post from another client address than the page (another node behind nginx).
    echo "$(curl -s ${CURL_POST_EXTRA:-${CURL_EXTRA:-}} -o "$out" -w '%{http_code}' -b "$jar" "${save[@]}" "$url" "$@") $out"
}
# The sign-in page's antiforgery cookie is saved first; every later form of that session uses it.
sign_in() { curl -s ${CURL_EXTRA:-} -c "$1" -o /dev/null "$2/account/sign-in"; SAVE=1 post_form "$1" "$2/account/sign-in" "Input.Email=$3" "Input.Password=$4" >/dev/null; }
sign_up() {
    curl -s ${CURL_EXTRA:-} -c "$1" -o /dev/null "$2/account/sign-up"
    SAVE=1 post_form "$1" "$2/account/sign-up" "Input.FullName=Проверка Отказов" "Input.Email=$3" "Input.Phone=+7 9$((RANDOM % 90 + 10)) $((RANDOM * 97 % 9000000 + 1000000))" \
        "Input.Password=$4" "Input.Consent=true" >/dev/null
    # The account is made from the mailed link (sent in the background, not through the outbox), with the password again.
    local mail="" link
    for _ in $(seq 60); do
        mail=$(grep -ls "^To: $3" "$WORK"/mail/*.eml | head -1 || true)
        [ -n "$mail" ] && break; sleep 0.5
    done
    link=$(grep -o 'confirm-sign-up?token=[A-Za-z0-9_-]*' "$mail" | head -1)
    SAVE=1 post_form "$1" "$2/account/$link" "Password=$4" >/dev/null
}
# What a registration page said, in one word.
verdict() {
    local status=$1 file=$2
    case "$status" in
        200) if grep -q 'Изделие зарегистрировано на вас' "$file"; then echo registered
             elif grep -q 'Вы уже зарегистрировали это изделие' "$file"; then echo already-yours
             # The answer to the post, or the scan page of a tag registered by another meanwhile (no form left).
             elif grep -q 'уже зарегистрировано другим участником\|зарегистрировал другой участник' "$file"; then echo someone-elses
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
    scans_before=$(sql "SELECT coalesce(sum(scan_count), 0) FROM tags")
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
        counted=$(( $(sql "SELECT coalesce(sum(scan_count), 0) FROM tags") - scans_before ))
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

# One result the suite's test reads: "check NAME: ok" or "check NAME: FAIL"; any FAIL makes the exit code 1.
FAILED=0
check() { if [ "$2" = 1 ]; then echo "check $1: ok${3:+ ($3)}"; else echo "check $1: FAIL${3:+ ($3)}"; FAILED=1; fi; }
yes_if() { if eval "$1"; then echo 1; else echo 0; fi; }
# A client of its own: requests through nginx from loopback address 127.0.$1.$2 (nginx hashes the address to a node).
client() { echo "-k --interface 127.0.$1.$2"; }
# Which node nginx sent a client address to, from the access log (club_upstream: node=127.0.0.1:PORT).
node_of() { grep "^$1 " "$WORK/nginx/logs/access.log" | grep -o 'node=127.0.0.1:[0-9]*' | tail -1 | cut -d: -f2; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# nginx in front of three nodes on one PostgreSQL: sessions, forms and print files across nodes, 50 parallel
# buyers, a node killed with SIGKILL under load, scheduled jobs, and limits per real client address.
scenario_nginx() {
    local PORT_C=${PORT_C:-5183} began=$SECONDS
    PG_MAX_CONNECTIONS=150   # three nodes with the default pools (docs/operations.md, connections for N nodes)
    echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); nginx $("$NGINX_BIN" -v 2>&1 | cut -d/ -f2) in front of 3 nodes; work folder $WORK"
    pg_start
    local env=(Club__RateLimits__PerAccountPerMinute=1000 Club__RateLimits__SignInPerAddressPerMinute=5
        Club__Proxy__KnownProxies=127.0.0.1 Club__PublicBaseUrl=https://club.test)
    node_start a "$PORT_A" "${env[@]}"; node_start b "$PORT_B" "${env[@]}"; node_start c "$PORT_C" "${env[@]}"
    local port
    for port in "$PORT_A" "$PORT_B" "$PORT_C"; do node_wait "$port" || { tail -30 "$WORK"/[abc].log; exit 1; }; done
    nginx_start "$PORT_A" "$PORT_B" "$PORT_C"
    local N="https://127.0.0.1:$NGINX_HTTPS"
    echo "nodes and nginx up after $((SECONDS - began)) s"
    check "http answers the health check and sends pages to https" \
        "$(yes_if "[ $(status_of "http://127.0.0.1:$NGINX_HTTP/health") = 200 ] && [ $(status_of "http://127.0.0.1:$NGINX_HTTP/") = 301 ]")"

    # Which node each probe address lands on (sticky by address): one address per node for the cross-node checks.
    local i addr_a="" addr_b="" addr_c=""
    for i in $(seq 1 30); do curl -s -o /dev/null $(client 2 "$i") "$N/health" || true; done
    for i in $(seq 1 30); do
        case "$(node_of "127.0.2.$i")" in
            "$PORT_A") addr_a=${addr_a:-$i} ;; "$PORT_B") addr_b=${addr_b:-$i} ;; "$PORT_C") addr_c=${addr_c:-$i} ;;
        esac
    done
    check "client addresses spread over the three nodes" "$(yes_if "[ -n '$addr_a' ] && [ -n '$addr_b' ] && [ -n '$addr_c' ]")" \
        "127.0.2.$addr_a on a, 127.0.2.$addr_b on b, 127.0.2.$addr_c on c"

    # 1. A sign-in made by node a is valid on b and c; the cookie is Secure since nginx said https.
    CURL_EXTRA=$(client 2 "$addr_a") sign_in "$WORK/s.jar" "$N" buyer@club.demo "$DEMO_PASSWORD"
    check "the sign-in cookie is Secure behind https nginx (X-Forwarded-Proto trusted)" \
        "$(yes_if "grep -q $'TRUE\t[0-9]*\tclub.auth' '$WORK/s.jar'")"
    check "a sign-in on node a is valid on nodes b and c" "$(yes_if "[ $(status_of -b "$WORK/s.jar" $(client 2 "$addr_b") "$N/cabinet") = 200 ] &&
        [ $(status_of -b "$WORK/s.jar" $(client 2 "$addr_c") "$N/cabinet") = 200 ] && [ $(status_of $(client 2 "$addr_b") "$N/cabinet") = 302 ]")"

    # Tags on sale: 100 from the factory tool, activated.
    local partner batch rows
    partner=$(sql "SELECT name FROM partners ORDER BY id LIMIT 1")
    (cd "$WORK" && ConnectionStrings__Club="$CONN" Club__Keys__Serial="$KEY_SERIAL" Club__Keys__Scratch="$KEY_SCRATCH" Club__AppData="$WORK/app-a" \
        "$FACTORY" batch create --sku AQ-SEA-R01 --count 100 --base-url https://club.test --out "$WORK/print" >/dev/null)
    batch=$(sql "SELECT max(id) FROM tag_batches")
    factory batch mark-printed "$batch"; factory batch ship "$batch" --partner "$partner"; factory batch activate "$batch"
    mapfile -t rows < <(tail -n +2 "$WORK"/print/*.csv | cut -d, -f1,3)
    local registered_sql="SELECT count(*) FROM tags t JOIN tag_batches b ON t.id BETWEEN b.first_tag_id AND b.first_tag_id + b.quantity - 1
        WHERE b.id = $batch AND t.owner_member_id IS NOT NULL"
    local credits_before
    credits_before=$(sql "SELECT count(*) FROM points_entries WHERE idempotency_key LIKE 'register:%'")

    # 2. A form rendered by node a is posted to node b.
    local serial=${rows[99]%%,*} code=${rows[99]##*,} status file
    read -r status file < <(CURL_EXTRA=$(client 2 "$addr_a") CURL_POST_EXTRA=$(client 2 "$addr_b") post_form "$WORK/s.jar" "$N/T/$serial" "code=$code")
    check "a form rendered by node a is accepted by node b" "$(yes_if "[ $(verdict "$status" "$file") = registered ]")" "$(verdict "$status" "$file")"

    # 3. 50 buyers, each from its own address, sign up at once; then 100 registrations of 10 tags at once.
    for i in $(seq 1 50); do
        ( CURL_EXTRA=$(client 3 "$i") sign_up "$WORK/buyer-$i.jar" "$N" "nginx-$i-$RANDOM@example.com" "nginx-pass-1" ) & POSTS+=($!)
    done
    wait_posts
    : >"$WORK/race.txt"
    for i in $(seq 1 50); do
        local t
        for t in $((i % 10)) $(((i + 3) % 10)); do
            ( read -r status file < <(CURL_EXTRA=$(client 3 "$i") post_form "$WORK/buyer-$i.jar" "$N/T/${rows[$t]%%,*}" "code=${rows[$t]##*,}")
              echo "$t $(verdict "$status" "$file")" >>"$WORK/race.txt" ) & POSTS+=($!)
        done
    done
    wait_posts
    echo "race answers: $(cut -d' ' -f2 "$WORK/race.txt" | tally)"
    local won
    won=$(grep -c ' registered$' "$WORK/race.txt" || true)
    check "10 tags raced by 50 buyers (100 posts): each registered once" \
        "$(yes_if "[ $won = 10 ] && [ $(cut -d' ' -f1 <(grep ' registered$' "$WORK/race.txt") | sort -u | wc -l) = 10 ] && [ $(grep -vc ' registered$\| someone-elses$' "$WORK/race.txt" || true) = 0 ]")" \
        "$won registered answers"

    # 4. A print file made on node b (a batch from the web page) is downloaded through node c.
    local fjar="$WORK/factory.jar" job="" link="" csv_link
    CURL_EXTRA=$(client 2 "$addr_b") sign_in "$fjar" "$N" factory@club.demo "$DEMO_PASSWORD"
    CURL_EXTRA=$(client 2 "$addr_b") SAVE=1 post_form "$fjar" "$N/account/sign-in/code" "Input.Code=$(totp CLUBDEMOCLUBDEMOCLUBDEMOCLUBDEMO)" >/dev/null
    local fields=() line
    while IFS= read -r line; do fields+=(--data-urlencode "$line"); done < <(CURL_EXTRA=$(client 2 "$addr_b") form_fields "$fjar" "$N/factory" | grep -v '^_handler=')
    job=$(curl -s $(client 2 "$addr_b") -b "$fjar" -o /dev/null -w '%{redirect_url}' "$N/factory" "${fields[@]}" --data-urlencode "_handler=new-batch" \
        --data-urlencode "Input.Sku=AQ-SEA-R01" --data-urlencode "Input.Quantity=20" --data-urlencode "Input.Partner=" --data-urlencode "Input.Template=a4-sheet-3x8.json")
    for _ in $(seq 120); do
        link=$(curl -s $(client 2 "$addr_b") -b "$fjar" "$job" | grep -o 'href="/factory/batches/[0-9]*"' | head -1 | cut -d'"' -f2 || true)
        [ -n "$link" ] && break; sleep 1
    done
    csv_link=$(curl -s $(client 2 "$addr_c") -b "$fjar" "$N$link" | grep -o 'href="/factory/batches/[0-9]*/files/[^"]*\.csv"' | cut -d'"' -f2 || true)
    local lines
    lines=$(curl -s $(client 2 "$addr_c") -b "$fjar" "$N$csv_link" | grep -c '^[0-9A-Z]*,HTTPS://CLUB.TEST/T/' || true)
    check "a batch's print file made on node b downloads through node c, with links from the public address" \
        "$(yes_if "[ '$lines' = 20 ] && [ '$(node_of "127.0.2.$addr_c")' = $PORT_C ]")" "job ${job:-none}, batch ${link:-none}, $lines code lines"

    # 5. SIGKILL of node a while 40 buyers register 40 tags; a form node a rendered is posted after its death.
    local held_serial=${rows[98]%%,*} held_code=${rows[98]##*,} held=()
    while IFS= read -r line; do held+=(--data-urlencode "$line"); done < <(CURL_EXTRA=$(client 2 "$addr_a") form_fields "$WORK/s.jar" "$N/T/$held_serial")
    : >"$WORK/kill.txt"
    for i in $(seq 10 49); do
        ( read -r status file < <(CURL_EXTRA=$(client 3 $((i + 1))) post_form "$WORK/buyer-$((i + 1)).jar" "$N/T/${rows[$i]%%,*}" "code=${rows[$i]##*,}")
          echo "$i $(verdict "$status" "$file")" >>"$WORK/kill.txt" ) & POSTS+=($!)
        if [ "$i" = 25 ]; then node_kill a; fi
    done
    wait_posts
    echo "answers around the kill: $(cut -d' ' -f2 "$WORK/kill.txt" | tally)"
    local served=0
    for i in $(seq 1 30); do [ "$(status_of $(client 2 "$i") "$N/T/${rows[$((50 + i))]%%,*}")" = 200 ] && served=$((served + 1)); done
    check "after node a's SIGKILL every client is served (30 of 30 addresses, a's too)" "$(yes_if "[ $served = 30 ]")" "$served of 30"
    read -r status file < <(post_fields "$WORK/s.jar" "$N/T/$held_serial" "${held[@]}" --data-urlencode "code=$held_code" $(client 2 "$addr_a"))
    check "a form rendered by the killed node is accepted by another" "$(yes_if "[ $(verdict "$status" "$file") = registered ]")" "$(verdict "$status" "$file")"
    # Whatever a buyer was told, asking again ends in one registration: nothing half-done was kept.
    for i in $(seq 10 49); do
        grep -q "^$i registered$" "$WORK/kill.txt" && continue
        read -r status file < <(CURL_EXTRA=$(client 3 $((i + 1))) post_form "$WORK/buyer-$((i + 1)).jar" "$N/T/${rows[$i]%%,*}" "code=${rows[$i]##*,}")
        echo "$i retry $(verdict "$status" "$file")" >>"$WORK/kill.txt"
    done
    check "after retries the 40 tags of the kill are each registered once, to their buyer" \
        "$(yes_if "[ $(grep -c 'retry' "$WORK/kill.txt" | tr -d ' ') = $(grep -c 'retry \(registered\|already-yours\)$' "$WORK/kill.txt" | tr -d ' ') ]")" \
        "$(grep -c retry "$WORK/kill.txt" || true) asked again"
    check "ledger: 52 registered tags, 52 credits, none paid twice, balances = ledger" \
        "$(yes_if "[ $(sql "$registered_sql") = 52 ] &&
            [ $(( $(sql "SELECT count(*) FROM points_entries WHERE idempotency_key LIKE 'register:%'") - credits_before )) = 52 ] &&
            [ $(sql "SELECT count(*) FROM (SELECT member_id, reason, reference_type, reference_id FROM points_entries WHERE amount > 0 GROUP BY 1,2,3,4 HAVING count(*) > 1) d") = 0 ] &&
            [ $(sql "SELECT count(*) FROM members m LEFT JOIN points_balances b ON b.member_id = m.id LEFT JOIN (SELECT member_id, sum(amount) s FROM points_entries GROUP BY member_id) e ON e.member_id = m.id WHERE coalesce(b.balance,0) <> coalesce(e.s,0)") = 0 ]")"

    # 6. Limits per real client: 7 wrong sign-ins from one address, each with a forged X-Forwarded-For, against 5 a minute.
    : >"$WORK/limit.txt"
    curl -s $(client 4 1) -c "$WORK/l1.jar" -o /dev/null "$N/account/sign-in"; curl -s $(client 4 2) -c "$WORK/l2.jar" -o /dev/null "$N/account/sign-in"
    for i in $(seq 1 7); do
        read -r status _ < <(CURL_EXTRA="$(client 4 1) -H X-Forwarded-For:10.9.8.$i" post_form "$WORK/l1.jar" "$N/account/sign-in" "Input.Email=buyer@club.demo" "Input.Password=wrong")
        echo "$status" >>"$WORK/limit.txt"
    done
    read -r status _ < <(CURL_EXTRA=$(client 4 2) post_form "$WORK/l2.jar" "$N/account/sign-in" "Input.Email=buyer@club.demo" "Input.Password=wrong")
    check "sign-in limit per real client: forged X-Forwarded-For does not escape it, another address is not limited" \
        "$(yes_if "[ $(grep -c 429 "$WORK/limit.txt") -ge 2 ] && [ $status != 429 ]")" "one address: $(tally <"$WORK/limit.txt"); another: $status"

    # 7. Scheduled jobs: every firing ran on one node only (the mail job fires every minute).
    local wait_until=$((began + ${JOBS_SECONDS:-75}))
    while [ "$SECONDS" -lt "$wait_until" ]; do sleep 2; done
    check "each scheduled job firing ran once" \
        "$(yes_if "[ $(sql "SELECT count(*) FROM job_runs WHERE NOT manual") -gt 0 ] && [ $(sql "SELECT count(*) FROM (SELECT job_name, scheduled_at FROM job_runs WHERE NOT manual AND scheduled_at IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d") = 0 ]")" \
        "$(sql "SELECT count(*) || ' runs on ' || count(DISTINCT node) || ' node(s)' FROM job_runs")"
    check "no unhandled exception in the nodes' logs" "$(yes_if "! grep -qi 'unhandled exception' '$WORK'/[abc].log")"
    echo "== $((SECONDS - began)) s"
    return "$FAILED"
}

cleanup() {
    nginx_stop
    node_stop a 2>/dev/null || true; node_stop b 2>/dev/null || true; node_stop c 2>/dev/null || true
    pg_stop 2>/dev/null || true
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}

if [ "${FAULTS_LIB:-0}" != 1 ]; then
    trap cleanup EXIT
    if [ "${SCENARIO:-faults}" = nginx ]; then scenario_nginx; else scenario; fi
fi
