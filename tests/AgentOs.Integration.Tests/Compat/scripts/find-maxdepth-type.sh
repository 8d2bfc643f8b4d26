mkdir -p top/mid/low
touch top/f1 top/mid/f2 top/mid/low/f3
find top -maxdepth 1 | sort
find top -mindepth 2 -type f | sort
