cat > app.log <<'EOF'
[INFO] server started on port 8080
[DEBUG] loading config
[ERROR] failed to connect to db
[INFO] retrying
[ERROR] failed to connect to db
[WARN] high latency
[ERROR] out of memory
EOF
grep -c ERROR app.log
grep ERROR app.log | sort | uniq -c | sort -rn
sed -n 's/^\[\([A-Z]*\)\].*/\1/p' app.log | sort | uniq -c
