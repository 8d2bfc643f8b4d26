cat > hosts <<'EOF'
web1 10.0.0.1 80
db1 10.0.0.2 5432
EOF
while IFS=' ' read -r name ip port; do
  echo "$name -> $ip:$port"
done < hosts
