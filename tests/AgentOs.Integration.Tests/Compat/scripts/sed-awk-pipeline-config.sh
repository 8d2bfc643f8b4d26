cat > .env <<'EOF'
# comment
DB_HOST=localhost
DB_PORT=5432

API_KEY=abc123
EOF
grep -v '^#' .env | grep -v '^$' | sort
sed -n 's/^DB_\([A-Z]*\)=\(.*\)/\1 \2/p' .env
awk -F= '/^[A-Z]/ { printf "export %s=\"%s\"\n", $1, $2 }' .env
