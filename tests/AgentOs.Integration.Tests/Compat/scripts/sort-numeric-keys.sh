cat > scores <<'EOF'
bob 72
alice 95
carol 88
dave 72
EOF
sort -k2,2nr -k1,1 scores
echo --
sort -t' ' -k2 -n scores | head -2
