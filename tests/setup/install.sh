#!/bin/sh
# Installs the outside tools some integration tests need, from Debian's packages:
#   xmllint  (libxml2-utils)  validates sitemaps against tests/schemas/*.xsd
#   nginx    (nginx-light, else nginx)  serves a built site in tests/nginx.rs
#   curl                      a plain HTTP client for manual checks
#
# Idempotent: installs only what is missing, and runs `apt-get update` only then.
# Several test binaries may call it at once, so the whole check runs under a lock.
# Written for CI, which runs as root on Debian with access to Debian's mirrors.
set -eu

LOCK=/tmp/mekong-test-setup.lock

have() {
    command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]
}

missing_packages() {
    out=""
    have xmllint || out="$out libxml2-utils"
    have nginx || out="$out nginx"
    have curl || out="$out curl"
    echo "$out"
}

# Fast path without the lock: everything is there already.
if [ -z "$(missing_packages)" ]; then
    exit 0
fi

exec 9>"$LOCK"
flock 9

# Another caller may have installed everything while we waited for the lock.
need="$(missing_packages)"
if [ -z "$need" ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: missing${need}; run as root (or install them) to run these tests" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Installing nginx must not start the system's nginx on port 80: the tests run their
# own. Without systemd, Debian asks policy-rc.d whether to start services; unless the
# system has its own policy, say no for the duration of the install.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$POLICY"
    chmod 755 "$POLICY"
    trap 'rm -f "$POLICY"' EXIT
fi
apt-get update -qq
for package in $need; do
    case "$package" in
        nginx)
            # nginx-light where Debian ships it (a transitional package since Debian 12).
            apt-get install -y -qq --no-install-recommends nginx-light \
                || apt-get install -y -qq --no-install-recommends nginx
            ;;
        *)
            apt-get install -y -qq --no-install-recommends "$package"
            ;;
    esac
done

still="$(missing_packages)"
if [ -n "$still" ]; then
    echo "install.sh: still missing after apt-get:${still}" >&2
    exit 1
fi
