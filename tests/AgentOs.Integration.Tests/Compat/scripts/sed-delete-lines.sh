seq 1 10 > n
sed '3,5d' n | tr '\n' ' '; echo
sed -n '2p;7p' n
sed '/^$/d' <<'EOF'
a

b

c
EOF
