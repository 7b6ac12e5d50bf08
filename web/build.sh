#!/usr/bin/env bash
# Builds the web page into web/dist/: the emulator compiled to WebAssembly (crates/web, no
# wasm-bindgen: a small C-ABI surface and hand-written glue in web/trs80.js), the glue and
# the page. Needs only the Rust toolchain and its wasm32-unknown-unknown target.
# Serve it with `trs80 web` (127.0.0.1:8080) and open http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v rustup >/dev/null 2>&1; then
  rustup target add wasm32-unknown-unknown >/dev/null
fi
cargo build -p trs80-web --target wasm32-unknown-unknown --profile web
wasm=target/wasm32-unknown-unknown/web/trs80_web.wasm
tmp=web/dist.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
cp "$wasm" "$tmp/trs80.wasm"
cp web/index.html web/trs80.js "$tmp/"
rm -rf web/dist
mv "$tmp" web/dist
echo "web/dist: $(wc -c <web/dist/trs80.wasm) bytes of .wasm; serve with: trs80 web"
