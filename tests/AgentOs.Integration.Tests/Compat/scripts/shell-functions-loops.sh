log() { echo "[$1] $2"; }
for f in alpha beta gamma; do
  log info "processing $f"
done
i=0
while read -r line; do
  i=$((i + 1))
  log line "$i:$line"
done <<'EOF'
first
second
EOF
