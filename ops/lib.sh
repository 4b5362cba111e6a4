# Shared helpers for the ops scripts. Sourced, never run. Every function prints what it does.
# Contract: ROOT is the repository root; VAR ($KITUO_VAR, default $ROOT/var) holds all state.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="${KITUO_VAR:-$ROOT/var}"
BUILD="${KITUO_BUILD_DIR:-$ROOT/build}"
JOBS="$(nproc 2>/dev/null || echo 2)"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Packages needed to build and run Kituo (Debian 12). Installed only when missing.
BUILD_PACKAGES=(build-essential cmake pkg-config libpoco-dev libmysqlcppconn-dev
  libkainjow-mustache-dev libsodium-dev libqrencode-dev libqrencode4 mariadb-server mariadb-client catch2 curl)

ensure_packages() {
  local missing=() p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "packages present ($#)"
    return 0
  fi
  say "installing missing packages: ${missing[*]}"
  # The package lists are fetched at most once per hour.
  local lists=/var/lib/apt/lists
  if [ -z "$(find "$lists" -maxdepth 1 -name '*Packages*' -mmin -60 2>/dev/null | head -1)" ]; then
    as_root apt-get update -qq
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
  say "installed ${#missing[@]} packages"
}

# Configures (once) and builds the given targets (default: all) in $BUILD.
build() {
  local type="${KITUO_BUILD_TYPE:-Release}"
  if [ ! -f "$BUILD/CMakeCache.txt" ] || ! grep -q "CMAKE_BUILD_TYPE:STRING=$type" "$BUILD/CMakeCache.txt"; then
    say "configuring $type build in $BUILD"
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE="$type" ${KITUO_CMAKE_ARGS:-} >/dev/null
  fi
  say "building ${*:-all} ($JOBS jobs)"
  local t args=() log="$BUILD/build.log"
  for t in "$@"; do args+=(--target "$t"); done
  if ! cmake --build "$BUILD" -j "$JOBS" "${args[@]}" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    say "build failed (full log: $log)"
    return 1
  fi
}

# The master key (KITUO_KEY_FILE): 32 random bytes as hex, created once under var/ (mode 600).
ensure_master_key() {
  export KITUO_KEY_FILE="${KITUO_KEY_FILE:-$VAR/master.key}"
  if [ ! -s "$KITUO_KEY_FILE" ]; then
    say "creating the master key $KITUO_KEY_FILE (back it up with the database)"
    mkdir -p "$(dirname "$KITUO_KEY_FILE")"
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$KITUO_KEY_FILE")
  fi
}

# A random password of 20 characters from an unambiguous alphabet.
random_password() {
  local p=""
  while [ ${#p} -lt 20 ]; do
    p="$p$(head -c 64 /dev/urandom | tr -dc 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789')"
  done
  printf '%s' "${p:0:20}"
}

# KITUO_DEMO_PASSWORD, or the one generated on the first run and kept in var/demo.password.
ensure_demo_password() {
  if [ -z "${KITUO_DEMO_PASSWORD:-}" ]; then
    mkdir -p "$VAR"
    if [ ! -s "$VAR/demo.password" ]; then
      (umask 077; random_password > "$VAR/demo.password")
    fi
    KITUO_DEMO_PASSWORD="$(cat "$VAR/demo.password")"
  fi
  export KITUO_DEMO_PASSWORD
}

# A random base32 secret of 32 characters (160 bits), for an authenticator app.
random_base32() {
  local s=""
  while [ ${#s} -lt 32 ]; do
    s="$s$(head -c 128 /dev/urandom | LC_ALL=C tr -dc 'A-Z2-7')"
  done
  printf '%s' "${s:0:32}"
}

# KITUO_DEMO_TOTP_SECRET (base32): the demo accounts' second-factor secret, or the one
# generated on the first run and kept in var/demo.totp (mode 600).
ensure_demo_totp_secret() {
  if [ -z "${KITUO_DEMO_TOTP_SECRET:-}" ]; then
    mkdir -p "$VAR"
    if [ ! -s "$VAR/demo.totp" ]; then
      (umask 077; random_base32 > "$VAR/demo.totp")
    fi
    KITUO_DEMO_TOTP_SECRET="$(cat "$VAR/demo.totp")"
  fi
  export KITUO_DEMO_TOTP_SECRET
}

# Whether ops/run seeds the demo station: on the private instance (KITUO_DB_URL unset), or on
# any database when asked with --demo. Never by default on a database named by KITUO_DB_URL:
# that may be a real one. Arguments: ops/run's arguments.
should_seed_demo() {
  local a
  for a in "$@"; do [ "$a" = "--demo" ] && return 0; done
  [ -z "${KITUO_DB_URL:-}" ]
}
