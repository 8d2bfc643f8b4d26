handle() {
  case "$1" in
    *.py) echo "python: $1" ;;
    *.sh|*.bash) echo "shell: $1" ;;
    *) echo "other: $1" ;;
  esac
}
for f in run.sh app.py data.json tool.bash; do handle "$f"; done
