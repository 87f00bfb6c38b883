#!/usr/bin/env bash
# soi build script. Run ./build.sh --help for the subcommands.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  cat <<'USAGE'
usage: ./build.sh [COMMAND]

  (none)        build the wasm into www/pkg/ (wasm-bindgen, then wasm-opt)
  serve [PORT]  build, then serve www/ on http://127.0.0.1:PORT/ (default 8000)
  test          cargo fmt --check, clippy -D warnings, cargo test, wasm build,
                node check of the wasm module, browser tests (Chromium)
  e2e           build, then run only the browser tests
  help          this text

Missing tools are installed and reported: the wasm32-unknown-unknown target,
wasm-bindgen-cli at the exact version in Cargo.lock, the npm packages from
package-lock.json (binaryen's wasm-opt, playwright-core), and Debian's
chromium (apt-get, when root or with sudo).
USAGE
}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "installing the wasm32-unknown-unknown target (rustup)"
    rustup target add wasm32-unknown-unknown
  fi
}

wasm_bindgen_version() {
  # The version of the wasm-bindgen crate pinned in Cargo.lock.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (found: ${have:-none}); takes about 2 minutes"
    # No --locked: a pinned dependency of the CLI is missing from the registry mirror.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_npm() {
  # npm ci only when the lockfile changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages from package-lock.json (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium for the browser tests (apt-get)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
  fi
}

build_wasm() {
  ensure_target
  ensure_wasm_bindgen
  ensure_npm
  say "cargo build (wasm32, profile release-wasm)"
  cargo build --profile release-wasm --target wasm32-unknown-unknown --lib
  local target_dir="${CARGO_TARGET_DIR:-target}"
  local wasm="$target_dir/wasm32-unknown-unknown/release-wasm/soi.wasm"
  local out=www/pkg/soi_bg.wasm
  if [ -f "$out" ] && [ -f www/pkg/soi.js ] && [ "$out" -nt "$wasm" ]; then
    say "www/pkg is up to date"
    return
  fi
  say "wasm-bindgen --target web -> www/pkg/"
  wasm-bindgen --target web --no-typescript --out-dir www/pkg "$wasm"
  if [ -x node_modules/.bin/wasm-opt ]; then
    # npm binaryen, pinned. Never Debian's binaryen: its output fails to load.
    say "wasm-opt -O3 (npm binaryen $(node_modules/.bin/wasm-opt --version | awk '{print $3}'))"
    node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$out" -o "$out.opt"
    mv "$out.opt" "$out"
  else
    say "wasm-opt not available: shipping the unoptimized wasm"
  fi
  printf '%s raw, %s gzipped\n' "$(wc -c <"$out") B" "$(gzip -9c "$out" | wc -c) B" >&2
}

serve() {
  local port="${1:-8000}"
  build_wasm
  say "serving www/ at http://127.0.0.1:$port/"
  echo "http://127.0.0.1:$port/"
  exec python3 tests/e2e/serve.py www "$port"
}

e2e() {
  ensure_chromium
  mkdir -p target/e2e
  say "browser and node tests (node --test tests/e2e/)"
  node --test --test-concurrency=1 tests/e2e/
}

run_tests() {
  say "cargo fmt --check"
  cargo fmt --all -- --check
  say "cargo clippy --all-targets -- -D warnings"
  cargo clippy --all-targets -- -D warnings
  say "cargo test"
  cargo test
  build_wasm
  e2e
  say "all tests passed"
}

case "${1:-}" in
  "") build_wasm ;;
  serve) shift; serve "$@" ;;
  test) run_tests ;;
  e2e) build_wasm; e2e ;;
  help|-h|--help) usage ;;
  *) usage >&2; exit 2 ;;
esac
