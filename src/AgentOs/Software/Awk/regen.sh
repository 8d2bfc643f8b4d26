#!/usr/bin/env bash
# Regenerates awk's parser (awkgram.tab.c, awkgram.tab.h from awkgram.y, with Debian 12's bison 3.8.2) and its
# operator table (proctab.c, printed by maketab.c built for the host), which are committed so that ../build.sh needs
# only clang. Run after changing awkgram.y or maketab.c; the output is deterministic (relative names, no timestamps).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")"
bison -d -o awkgram.tab.c awkgram.y
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O0 maketab.c -o "$tmp/maketab"
"$tmp/maketab" awkgram.tab.h >proctab.c
