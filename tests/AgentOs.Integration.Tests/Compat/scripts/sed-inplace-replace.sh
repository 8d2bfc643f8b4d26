cat > app.conf <<'EOF'
host=localhost
port=8080
debug=false
EOF
sed -i 's/port=8080/port=9090/' app.conf
sed -i 's/^debug=.*/debug=true/' app.conf
cat app.conf
