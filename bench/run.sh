#!/usr/bin/env bash
# `make bench`: icips-site against Hugo on synthetic corpora, plus the real site's build time.
#
#   bench/run.sh                      1,000 and 10,000 pages; 5 and 3 runs of each generator
#   BENCH_PAGES="1000" bench/run.sh   other corpus sizes (runs: 5 below 5,000 pages, else 3)
#   BENCH_RUNS=7 bench/run.sh         the same number of runs for every corpus
#   BENCH_REF=HEAD bench/run.sh       measure a commit (its generator, theme and content/) instead of the
#                                     working tree: for before/after figures, or while the tree is mid-edit
#
# Everything it writes lives in build/bench/: its own Release build of icips-site (so that it never
# races another build of build/), the corpora, the outputs and results.md.
# Wall time is taken around each run (ns clock); peak RSS is /usr/bin/time's %M of the generator.
# When run as root, the measured commands run at nice -10 so that other work on the machine (compilers
# of colleagues sharing it) disturbs the figures less; the load average is recorded in results.md.
# Each generator gets one untimed warm-up run per corpus (page cache), then the runs alternate
# icips-site, Hugo, icips-site, ... and every output directory is removed, untimed, before each run.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=build/bench
# SRC holds the generator, theme and content/ measured. A snapshot of BENCH_REF is built in SRC/build,
# where the binary finds SRC/themes/default beside its build folder.
SRC=.
sha=""
BUILD=$OUT/release
if [ -n "${BENCH_REF:-}" ]; then
    sha=$(git rev-parse --short "$BENCH_REF^{commit}")
    SRC=$OUT/src-$sha
    BUILD=$SRC/build
    if [ ! -d "$SRC" ]; then mkdir -p "$SRC" && git archive "$sha" | tar -x -C "$SRC"; fi
fi
BIN=$BUILD/icips-site
PAGES=${BENCH_PAGES:-"1000 10000"}
REAL_RUNS=${BENCH_REAL_RUNS:-10}

say() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
need=""
command -v hugo >/dev/null 2>&1 || need="$need hugo"
[ -x /usr/bin/time ] || need="$need time"
if [ -n "$need" ]; then
    say "bench: installing Debian packages:$need"
    if [ "$(id -u)" != 0 ]; then say "bench: run as root (apt-get install$need)"; exit 1; fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi

say "bench: building icips-site${BENCH_REF:+ at $BENCH_REF ($sha)} and make_corpus (Release) in $BUILD"
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target icips-site >/dev/null
# A commit older than the bench has no make_corpus target: compile the working tree's.
cmake --build "$BUILD" --target make_corpus >/dev/null 2>&1 ||
    c++ -O2 -std=c++20 -o "$BUILD/make_corpus" bench/make_corpus.cpp
cmake --build "$BUILD" --target spawn_time >/dev/null 2>&1 ||
    c++ -O2 -std=c++20 -o "$BUILD/spawn_time" bench/spawn_time.cpp

mkdir -p "$OUT"
export HUGO_CACHEDIR="$ROOT/$OUT/hugo-cache"
LOG=$OUT/runs.log
: >"$LOG"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
PRIO=()
[ "$(id -u)" = 0 ] && PRIO=(nice -n -10)

# run NAME OUTDIR CMD... : one timed run; prints "wall_ms peak_kib cpu_ms" (cpu = user + system) and logs it.
# OUTDIR is moved out of the way first, with the spare icips-site keeps beside it (.NAME.spare), so
# that every run writes the whole site from nothing; OUTDIR "-" keeps everything (icips-site's
# rebuild). They are moved, not deleted, until the bench ends: ext4 avoids reusing an inode for a
# minute or more after it is freed, and 10,000 freshly deleted files before each run made every
# later run of both generators slower than the one before (the wall time of the third run was up to
# 60% above the first's, all of it system time).
TRASH=$OUT/trash
rm -rf "$TRASH"
mkdir -p "$TRASH"
set_aside() {
    local p
    for p in "$@"; do
        if [ -e "$p" ]; then mv "$p" "$(mktemp -d "$TRASH/XXXXXX")/"; fi
    done
}
run() {
    local name=$1 dest=$2
    shift 2
    [ "$dest" = - ] || set_aside "$dest" "$(dirname "$dest")/.$(basename "$dest").spare"
    local t0 t1 stats
    t0=$EPOCHREALTIME  # bash's clock: no process is started to read it
    if ! /usr/bin/time -f "%e %M %U %S" -o "$OUT/time.txt" "${PRIO[@]}" "$@" >"$OUT/stdout.txt" 2>"$OUT/stderr.txt"; then
        say "bench: $name failed: $*"
        cat "$OUT/stderr.txt" >&2
        exit 1
    fi
    t1=$EPOCHREALTIME
    stats="$(((${t1/[.,]/} - ${t0/[.,]/}) / 1000)) $(tail -n1 "$OUT/time.txt" | awk '{printf "%d %d", $2, ($3 + $4) * 1000}')"
    echo "$name $stats" >>"$LOG"
    echo "$stats"
}

# smallest of the numbers on stdin (the run least disturbed by other work on the machine)
minimum() { sort -n | head -n1; }
# median of the numbers on stdin
median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
secs() { awk -v m="$1" 'BEGIN {printf "%.3f", m / 1000}'; }
# verdict RATIO TARGET: whether icips-site / Hugo is within the target (bench/README.md, "Targets").
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r <= t ? "meets" : "misses")}'; }

declare -a ROWS=() BEST=()
for n in $PAGES; do
    corpus=$OUT/corpus-$n
    say "bench: writing the $n-page corpus to $corpus"
    rm -rf "$corpus"
    "$BUILD/make_corpus" --pages "$n" --out "$corpus" >/dev/null
    cp -r bench/hugo/. "$corpus/hugo/"
    mkdir -p "$corpus/hugo/static/assets"
    cp -r "$SRC/themes/default/assets/." "$corpus/hugo/static/assets/"

    runs=${BENCH_RUNS:-$([ "$n" -lt 5000 ] && echo 5 || echo 3)}
    icips=("$BIN" build --content "$corpus/icips" --out "$OUT/out-icips-$n")
    hugo=(hugo --source "$corpus/hugo" --destination "$ROOT/$OUT/out-hugo-$n" --quiet)
    run "warmup-icips-$n" "$OUT/out-icips-$n" "${icips[@]}" >/dev/null
    run "warmup-hugo-$n" "$OUT/out-hugo-$n" "${hugo[@]}" >/dev/null
    : >"$OUT/icips.txt"
    : >"$OUT/hugo.txt"
    for ((r = 1; r <= runs; r++)); do
        say "bench: $n pages, run $r of $runs"
        run "icips-$n" "$OUT/out-icips-$n" "${icips[@]}" >>"$OUT/icips.txt"
        run "hugo-$n" "$OUT/out-hugo-$n" "${hugo[@]}" >>"$OUT/hugo.txt"
    done
    pages_icips=$(find "$OUT/out-icips-$n" -name '*.html' | wc -l)
    pages_hugo=$(find "$OUT/out-hugo-$n" -name '*.html' | wc -l)
    it=$(cut -d' ' -f1 "$OUT/icips.txt" | median)
    im=$(cut -d' ' -f2 "$OUT/icips.txt" | median)
    ht=$(cut -d' ' -f1 "$OUT/hugo.txt" | median)
    hm=$(cut -d' ' -f2 "$OUT/hugo.txt" | median)
    ic=$(cut -d' ' -f3 "$OUT/icips.txt" | median)
    hc=$(cut -d' ' -f3 "$OUT/hugo.txt" | median)
    ib=$(cut -d' ' -f1 "$OUT/icips.txt" | minimum)
    hb=$(cut -d' ' -f1 "$OUT/hugo.txt" | minimum)
    tr=$(ratio "$it" "$ht")
    mr=$(ratio "$im" "$hm")
    ROWS+=("| $n | $runs | $(secs "$it") | $(secs "$ht") | $tr ($(verdict "$tr" 0.25)) | $(mib "$im") | $(mib "$hm") | $mr ($(verdict "$mr" 0.2)) | $(secs "$ic") | $(secs "$hc") | $(ratio "$ic" "$hc") | $pages_icips / $pages_hugo |")
    BEST+=("| $n | $(secs "$ib") | $(secs "$hb") | $(ratio "$ib" "$hb") |")
done

say "bench: building the real site (content/), $REAL_RUNS runs"
# Two cases: a rebuild (what `make` does once output/ exists: the previous output is there and so is
# the spare), and a first build into a folder that does not exist.
run "warmup-real" "$OUT/out-real" "$BIN" build --content "$SRC/content" --out "$OUT/out-real" >/dev/null
run "warmup-real" - "$BIN" build --content "$SRC/content" --out "$OUT/out-real" >/dev/null
: >"$OUT/real.txt"
: >"$OUT/real-first.txt"
for ((r = 1; r <= REAL_RUNS; r++)); do
    run "real" - "$BIN" build --content "$SRC/content" --out "$OUT/out-real" >>"$OUT/real.txt"
    run "real-first" "$OUT/out-real-first" "$BIN" build --content "$SRC/content" --out "$OUT/out-real-first" >>"$OUT/real-first.txt"
done
rt=$(cut -d' ' -f1 "$OUT/real.txt" | median)
rm_=$(cut -d' ' -f2 "$OUT/real.txt" | median)
rc=$(cut -d' ' -f3 "$OUT/real.txt" | median)
rb=$(cut -d' ' -f1 "$OUT/real.txt" | minimum)
rft=$(cut -d' ' -f1 "$OUT/real-first.txt" | median)
rfc=$(cut -d' ' -f3 "$OUT/real-first.txt" | median)
real_pages=$(find "$OUT/out-real" -name '*.html' | wc -l)
# /usr/bin/time and nice cost ~8 ms of process starts around each run above, a lot next to a 50 ms
# target: the rebuild again as a plain process, wall time only; and starting and ending the process
# alone, for comparison (it counts in every build).
plain_ms() {
    local t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1
    local t1=$EPOCHREALTIME
    echo $(((${t1/[.,]/} - ${t0/[.,]/}) / 1000))
}
rplain=$( (for ((r = 1; r <= REAL_RUNS; r++)); do plain_ms "$BIN" build --content "$SRC/content" --out "$OUT/out-real"; done) | median)
startup=$( (for ((r = 1; r <= REAL_RUNS; r++)); do plain_ms "$BIN" --version; done) | median)
# The same started with posix_spawn (bench/spawn_time.cpp), as a build tool or editor starts it: a
# shell's fork costs ~3 ms more on a small VM. /bin/true is the floor of any process.
SPAWN_RUNS=$((REAL_RUNS * 3))
rspawn=$("$BUILD/spawn_time" "$SPAWN_RUNS" "$BIN" build --content "$SRC/content" --out "$OUT/out-real" | sort -n | median)
rspawn_best=$("$BUILD/spawn_time" "$SPAWN_RUNS" "$BIN" build --content "$SRC/content" --out "$OUT/out-real" | sort -n | head -1)
true_spawn=$("$BUILD/spawn_time" "$SPAWN_RUNS" /bin/true | sort -n | median)
true_shell=$( (for ((r = 1; r <= REAL_RUNS; r++)); do plain_ms /bin/true; done) | median)

# --- serve: edit one page of the largest corpus, time the write to the `reload` event ------------------
# `icips-site serve` runs on a free port; a client reads /__events (curl -N) and stamps each `reload`
# with bash's clock ($EPOCHREALTIME, no fork), which also stamps the write. The edit-to-event time
# includes the server's wait for the burst of saves to end (ServeOptions::quiet, 60 ms). The server's
# own "rebuilt N pages in X ms" lines give the rebuild alone.
SERVE_RUNS=${BENCH_SERVE_RUNS:-7}
serve_n=$(printf '%s\n' $PAGES | sort -n | tail -n1)
serve_corpus=$OUT/corpus-$serve_n/icips
serve_line="serve: not measured"
now_us() { local t=$EPOCHREALTIME; echo "${t/[.,]/}"; }
if [ -d "$serve_corpus" ] && "$BIN" serve --help >/dev/null 2>&1; then
    say "bench: serve on the $serve_n-page corpus, $SERVE_RUNS one-page edits"
    rm -rf "$OUT/out-serve"
    : >"$OUT/serve.log"
    "$BIN" serve --content "$serve_corpus" --out "$OUT/out-serve" --port 0 >"$OUT/serve.log" 2>&1 &
    serve_pid=$!
    trap 'kill "$serve_pid" 2>/dev/null || true' EXIT  # also when the bench stops early
    port=""
    for ((i = 0; i < 6000; i++)); do  # up to 10 minutes for the first build
        port=$(sed -n 's|^serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$OUT/serve.log")
        [ -n "$port" ] && break
        sleep 0.1
    done
    if [ -z "$port" ]; then
        say "bench: serve did not start"; cat "$OUT/serve.log" >&2; kill "$serve_pid" 2>/dev/null || true; exit 1
    fi
    : >"$OUT/events.txt"
    (curl -sN "http://127.0.0.1:$port/__events" | while IFS= read -r line; do
        [[ $line == "event: reload"* ]] && now_us >>"$OUT/events.txt"
    done) &
    client_pid=$!
    sleep 1  # the stream's first message is the current state
    page=$(find "$serve_corpus" -name 'page-*.md' | sort | sed -n 1p)  # (head would end sort with SIGPIPE)
    : >"$OUT/serve.txt"
    for ((r = 1; r <= SERVE_RUNS; r++)); do
        seen=$(wc -l <"$OUT/events.txt")
        t0=$(now_us)
        printf '\nEdited for the benchmark, run %d.\n' "$r" >>"$page"
        for ((i = 0; i < 20000; i++)); do
            [ "$(wc -l <"$OUT/events.txt")" -gt "$seen" ] && break
            sleep 0.001
        done
        t1=$(tail -n1 "$OUT/events.txt")
        [ "$(wc -l <"$OUT/events.txt")" -gt "$seen" ] || { say "bench: no reload event after edit $r"; break; }
        echo $(((t1 - t0) / 1000)) >>"$OUT/serve.txt"
        echo "serve-edit-$r $(((t1 - t0) / 1000))" >>"$LOG"
        sleep 1.2  # past the watcher's longest burst, so each edit is its own rebuild
    done
    kill "$serve_pid" 2>/dev/null || true  # a stopping server ends the event stream, and so the client
    wait "$serve_pid" 2>/dev/null || true
    wait "$client_pid" 2>/dev/null || true
    grep '^rebuilt' "$OUT/serve.log" >>"$LOG" || true
    rebuilt=$(sed -n 's/^rebuilt \([0-9]*\) pages in \([0-9]*\) ms.*/\2/p' "$OUT/serve.log")
    pages_rebuilt=$(sed -n 's/^rebuilt \([0-9]*\) pages in.*/\1/p' "$OUT/serve.log" | sort -n | uniq | tr '\n' ' ')
    if [ -s "$OUT/serve.txt" ] && [ -n "$rebuilt" ]; then
        em=$(median <"$OUT/serve.txt")
        rmed=$(echo "$rebuilt" | median)
        serve_line="serve, $serve_n-page corpus, one page edited $(wc -l <"$OUT/serve.txt") times: edit to reload event median $em ms (fastest $(minimum <"$OUT/serve.txt") ms; includes the 60 ms wait for the end of the burst); the server's rebuild median $rmed ms (fastest $(echo "$rebuilt" | minimum) ms; target <= 25 ms), pages re-rendered per edit: ${pages_rebuilt% }"
    fi
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
    echo "# icips-site against Hugo"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory"
    echo "- load average (1, 5, 15 min): $load_before before, $load_after after$([ ${#PRIO[@]} -gt 0 ] && echo "; measured runs at nice -10")"
    echo "- $("$BIN" --version) ($(if [ -n "${BENCH_REF:-}" ]; then echo "commit $sha"; else echo "working tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- generator themes content CMakeLists.txt 2>/dev/null || echo ' with uncommitted changes')"; fi), Release, default threads)"
    echo "- $(hugo version | cut -d' ' -f1-2)"
    echo
    echo "Medians of the runs; wall time and CPU time (user + system, all threads) in seconds, peak RSS in MiB; ratios are icips-site / Hugo (targets: wall time <= 0.25, peak memory <= 0.2)."
    echo
    echo "| pages | runs | icips-site s | Hugo s | time ratio | icips-site MiB | Hugo MiB | memory ratio | icips-site CPU s | Hugo CPU s | CPU ratio | HTML files (icips / Hugo) |"
    echo "| ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | --- |"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "Fastest run of each (least disturbed by other work on the machine), wall time in seconds:"
    echo
    echo "| pages | icips-site s | Hugo s | time ratio |"
    echo "| ---: | ---: | ---: | ---: |"
    printf '%s\n' "${BEST[@]}"
    echo
    echo "- real site (content/, $real_pages HTML files), median of $REAL_RUNS rebuilds (output/ there already, as for \`make\`): $rt ms wall under /usr/bin/time (fastest $rb ms), $rc ms CPU, peak RSS $(mib "$rm_") MiB; the same as a plain process started by bash: $rplain ms wall, and started with posix_spawn: $rspawn ms (median of $SPAWN_RUNS; fastest of another $SPAWN_RUNS: $rspawn_best ms; target < 50 ms; \`/bin/true\` takes $true_spawn ms that way and $true_shell ms from bash); first build into a new folder: $rft ms wall, $rfc ms CPU; \`icips-site --version\` (process start and exit alone): $startup ms"
    echo "- $serve_line"
    echo
    echo "Every run (name, wall ms, peak KiB, CPU ms):"
    echo
    echo '```'
    cat "$LOG"
    echo '```'
} >"$OUT/results.md"

sed -n '/^Medians/,/^- serve/p' "$OUT/results.md"
rm -rf "$TRASH"
say "bench: results written to $OUT/results.md"
