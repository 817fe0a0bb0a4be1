#!/usr/bin/env bash
# Entrypoint of the Lynara Campaign image.
#
#   docker run IMAGE            all: API + worker (one process) and the web app   (default)
#   docker run IMAGE api        the HTTP API only                 (extra API replicas)
#   docker run IMAGE worker     queue processors + cron only      (extra worker replicas)
#   docker run IMAGE web        the web app only (set API_URL to an API)
#   docker run IMAGE migrate    apply migrations and exit
#   docker run IMAGE seed       apply migrations, create the demo workspace, print its login
#   docker run IMAGE <command>  anything else is run as given (e.g. `sh`)
#
# Before api/worker/all start, `node dist/main.js migrate` runs as the owner role of
# DATABASE_URL: it creates the database and the runtime role of APP_DATABASE_URL when
# missing and applies the committed migrations under a PostgreSQL advisory lock, so several
# replicas may start at once. SKIP_MIGRATIONS=true skips it (e.g. on extra workers).
# DEMO_SEED=true also creates the demo workspace (once) before starting.
set -euo pipefail

APP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB_DIR="$APP_DIR/web"
MODE_FILE=/tmp/lynara-mode
cd "$APP_DIR"

api_port="${PORT:-3001}"
web_port="${WEB_PORT:-3000}"
# Docker sets HOSTNAME to the container id: the web app gets its own variable.
web_host="${WEB_HOST:-0.0.0.0}"
# The web app proxies /api/* to this address; in the same container that is the local API.
export API_URL="${API_URL:-http://127.0.0.1:${api_port}}"
export NEXT_TELEMETRY_DISABLED=1

is_true() { case "${1:-}" in true | 1 | yes) return 0 ;; *) return 1 ;; esac; }

log() { printf '[lynara] %s\n' "$*" >&2; }

# `healthcheck`: used by the image's HEALTHCHECK; checks what this container runs.
probe() { # probe URL -> exit 0 when it answers below 500
  node -e '
    const ctl = AbortSignal.timeout(4000);
    fetch(process.argv[1], { signal: ctl, redirect: "manual" })
      .then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1));
  ' "$1"
}
if [ "${1:-}" = healthcheck ]; then
  mode="$(cat "$MODE_FILE" 2>/dev/null || echo all)"
  case "$mode" in
    all) probe "http://127.0.0.1:${api_port}/health/live" && probe "http://127.0.0.1:${web_port}/login" ;;
    api) probe "http://127.0.0.1:${api_port}/health/live" ;;
    web) probe "http://127.0.0.1:${web_port}/login" ;;
    *) exit 0 ;; # worker: no HTTP listener; alive as long as the process runs
  esac
  exit $?
fi

migrate() {
  if is_true "${SKIP_MIGRATIONS:-false}"; then
    log 'SKIP_MIGRATIONS=true: not migrating'
  else
    log 'applying database migrations'
    node dist/main.js migrate
  fi
}

seed_if_asked() {
  if is_true "${DEMO_SEED:-false}"; then node dist/main.js seed; fi
}

# Run from web/ (next.config.ts resolves its paths from there); exec replaces the shell.
# server.mjs is `next start` plus the client's address for the API (see its header).
start_web() {
  cd "$WEB_DIR"
  WEB_PORT="$web_port" WEB_HOST="$web_host" exec node server.mjs
}

# Runs several processes, forwards SIGTERM/SIGINT to them, and stops them all (exiting with
# the first one's status) as soon as one of them ends, so the orchestrator restarts the container.
pids=()
stopping=0
on_signal() {
  stopping=1
  log "received SIG$1, stopping"
  kill "-$1" "${pids[@]}" 2>/dev/null || true
}
supervise() {
  local status=0
  wait -n || status=$?
  if [ "$stopping" -eq 0 ]; then
    log "a process exited (status $status): stopping the others"
    kill -TERM "${pids[@]}" 2>/dev/null || true
  fi
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do wait "$pid" 2>/dev/null || true; done
  done
  if [ "$stopping" -eq 1 ]; then exit 0; fi
  exit "$status"
}

# V8 sizes its heap ceiling from the host's memory and then collects lazily; a ceiling keeps
# the process small under bulk work (see serverNodeArgs in scripts/lib.mjs, same default).
node_heap_flag="--max-old-space-size=${NODE_HEAP_MB:-512}"

mode="${1:-all}"
case "$mode" in
  all)
    echo all >"$MODE_FILE"
    migrate
    seed_if_asked
    trap 'on_signal TERM' TERM
    trap 'on_signal INT' INT
    node "${node_heap_flag}" dist/main.js all &
    pids+=($!)
    (start_web) &
    pids+=($!)
    log "API on :${api_port} (docs at /docs), web on :${web_port}"
    supervise
    ;;
  api | worker)
    echo "$mode" >"$MODE_FILE"
    migrate
    seed_if_asked
    exec node "${node_heap_flag}" dist/main.js "$mode"
    ;;
  web)
    echo web >"$MODE_FILE"
    start_web
    ;;
  migrate)
    SKIP_MIGRATIONS=false migrate
    ;;
  seed)
    migrate
    exec node dist/main.js seed
    ;;
  *)
    exec "$@"
    ;;
esac
