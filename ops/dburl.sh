# Turns the database URL (KITUO_DB_URL, else var/db/app.url) into mariadb client arguments
# without putting the password on the command line (it goes in a temporary option file).
# Sourced by ops/backup and ops/restore; defines db_client_args, DB_ARGS and DB_NAME.

db_client_args() {
  local url="${KITUO_DB_URL:-}"
  if [ -z "$url" ]; then
    [ -f "$VAR/db/app.url" ] || "$ROOT/ops/db" start
    url="$(cat "$VAR/db/app.url")"
  fi
  local rest="${url#*://}" userinfo hostpart path query
  userinfo="${rest%%@*}"; rest="${rest#*@}"
  hostpart="${rest%%/*}"; path="${rest#*/}"
  query=""; [[ "$path" == *\?* ]] && query="${path#*\?}"
  DB_NAME="${path%%\?*}"
  local user="${userinfo%%:*}" pass="${userinfo#*:}"
  pass="$(printf '%b' "${pass//%/\\x}")"
  DB_OPTS_FILE="$(mktemp)"
  chmod 600 "$DB_OPTS_FILE"
  trap 'rm -f "$DB_OPTS_FILE"' EXIT
  {
    echo "[client]"
    echo "user=$user"
    echo "password=$pass"
    if [[ "$query" == socket=* ]]; then
      echo "socket=${query#socket=}"
    else
      echo "host=${hostpart%%:*}"
      [[ "$hostpart" == *:* ]] && echo "port=${hostpart##*:}"
      echo "protocol=tcp"
    fi
  } > "$DB_OPTS_FILE"
  DB_ARGS=(--defaults-file="$DB_OPTS_FILE")
}
