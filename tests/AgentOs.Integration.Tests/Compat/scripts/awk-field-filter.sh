cat > users.txt <<'EOF'
alice 34 admin
bob 27 user
carol 45 admin
dave 19 user
EOF
awk '$3 == "admin" { print $1 }' users.txt
awk '$2 > 30' users.txt
awk '{ print NR": "$1" ("length($1)")" }' users.txt
