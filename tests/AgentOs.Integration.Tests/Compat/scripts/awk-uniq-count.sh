cat > access.log <<'EOF'
10.0.0.1 GET /index.html 200
10.0.0.2 GET /about 404
10.0.0.1 POST /login 200
10.0.0.3 GET /index.html 200
10.0.0.1 GET /about 200
EOF
awk '{ print $1 }' access.log | sort | uniq -c | sort -rn
awk '$4 != 200 { print $3 }' access.log
