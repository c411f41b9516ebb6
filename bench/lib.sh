# Helpers shared by the build benchmarks (compare.sh, documents.sh): GNU time, one timed
# run, a clean output folder, medians. Sourced, not run.

# Installs GNU time with apt-get when /usr/bin/time is missing (as root, or through sudo).
need_gnu_time() {
    [ -x /usr/bin/time ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
            echo "${0##*/}: please install GNU time (apt-get install -y time)" >&2; exit 1
        fi
    fi
    echo "installing time with apt-get…"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
}

# timed LOG COMMAND...: runs COMMAND under /usr/bin/time -v, its output to LOG, and
# prints "wall user sys maxrss_kb" (seconds, seconds, seconds, KiB). When COMMAND
# fails, shows the end of LOG and returns 1.
timed() {
    local log=$1; shift
    local tv="$log.time"
    if ! /usr/bin/time -v -o "$tv" "$@" >"$log" 2>&1; then
        echo "${0##*/}: failed ($(grep -m1 -E 'Command (exited|terminated)' "$tv" || echo error)): $*" >&2
        tail -n 20 "$log" >&2
        return 1
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ {
            n = split($NF, p, ":"); w = 0
            for (i = 1; i <= n; i++) w = w * 60 + p[i]
        }
        /User time/ { u = $NF }
        /System time/ { s = $NF }
        /Maximum resident set size/ { m = $NF }
        END { printf "%.2f %.2f %.2f %d\n", w, u, s, m }' "$tv"
}

# Deletes, then flushes the disk, so that one run's writes are not paid by the next.
clean() {
    rm -rf "$@"
    sync
}

# count DIR GLOB: how many files under DIR match GLOB.
count() { find "$1" -name "$2" -type f | wc -l; }

# Prefix of the build commands: makes the build the out-of-memory killer's first choice
# on a shared machine (one bash exec, a millisecond, for every build alike).
# shellcheck disable=SC2034  # used by the scripts that source this file
oom_first=(bash -c 'echo 1000 >/proc/self/oom_score_adj 2>/dev/null || true; exec "$@"' oom-first)

# The machine, for the header of a results file.
machine() {
    echo "$(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(awk '/^MemTotal:/ {printf "%d", $2 / 1048576}' /proc/meminfo) GiB RAM, $(uname -sr)"
}
