#!/usr/bin/env bash
# Compiles the C test guests to wasm32-wasi with Debian's clang + lld + wasi-libc.
# Usage: build.sh OUTDIR   (the test fixture runs this when a .wasm is missing; never commit the output)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: build.sh OUTDIR}"
mkdir -p "$out"
for src in "$here"/*.c; do
  name="$(basename "$src" .c)"
  # -nodefaultlibs: Debian ships no compiler-rt builtins for wasm32; the guests need none.
  clang --target=wasm32-wasi -O2 -Wl,--strip-debug -nodefaultlibs -I"$here" "$src" -lc -o "$out/$name.wasm.tmp"
  mv "$out/$name.wasm.tmp" "$out/$name.wasm"
done
