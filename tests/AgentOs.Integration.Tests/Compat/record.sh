#!/usr/bin/env bash
# Records what GNU bash and the GNU tools print for each compatibility script: expected/NAME.stdout and the exit
# status in expected/exit-codes.txt. Each script runs as `bash -c "$(cat script)"` in an empty directory with the
# environment the VM test gives the guest shell, so the two runs differ only in the programs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
awk --version 2>/dev/null | grep -q 'GNU Awk' || { echo "record.sh: awk must be GNU awk (apt-get install gawk)" >&2; exit 1; }
mkdir -p "$here/expected"
rm -f "$here/expected/"*.stdout
: > "$here/expected/exit-codes.txt"
for script in "$here"/scripts/*.sh; do
  name=$(basename "$script" .sh)
  work=$(mktemp -d)
  mkdir "$work/home" "$work/workspace"
  set +e
  (cd "$work/workspace" && env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$work/home" USER=agentos LOGNAME=agentos \
    SHELL=/bin/sh LANG=C.UTF-8 LC_COLLATE=C TMPDIR=/tmp HOSTNAME=agentos \
    bash -c "$(cat "$script")" > "$here/expected/$name.stdout" 2> /dev/null < /dev/null)
  status=$?
  set -e
  echo "$name $status" >> "$here/expected/exit-codes.txt"
  rm -rf "$work"
done
echo "recorded $(wc -l < "$here/expected/exit-codes.txt") scripts"
