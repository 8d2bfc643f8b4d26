cat > data.csv <<'EOF'
id,name,email
1,Ann,ann@example.com
2,Ben,ben@example.com
EOF
cut -d, -f2 data.csv
cut -d, -f1,3 data.csv
echo "abcdefgh" | cut -c2-4
