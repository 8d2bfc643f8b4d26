#!/usr/bin/env bash
# Rebuilds the committed C test guests (NAME.wasm from NAME.c) for wasm32-wasi with Debian 12's clang 14 + lld 14 +
# wasi-libc (apt-get install clang lld wasi-libc). The tests only read the committed .wasm files; run this after
# changing a source and commit the result. The output is byte-for-byte reproducible with that toolchain: no debug
# info, and sources are compiled by relative name so no path is embedded.
# Usage: build.sh [OUTDIR]   (default: this directory, replacing the committed guests)
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here}" && cd "${1:-$here}" && pwd)"
cd "$here"
# Every NAME.c here: nettest, httpserver (agentOS host_net guests) and plainwasi (plain WASI, no host_* import).
for src in *.c; do
  name="${src%.c}"
  # -nodefaultlibs: Debian ships no compiler-rt builtins for wasm32; the guests need none.
  clang --target=wasm32-wasi -O2 -Wl,--strip-debug -nodefaultlibs -I. "$src" -lc -o "$out/$name.wasm.tmp"
  chmod 644 "$out/$name.wasm.tmp"
  mv "$out/$name.wasm.tmp" "$out/$name.wasm"
done
