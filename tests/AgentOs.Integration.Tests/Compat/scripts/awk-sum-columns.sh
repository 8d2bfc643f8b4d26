cat > sales.csv <<'EOF'
region,product,amount
north,widget,10
south,widget,20
north,gadget,5
south,gadget,7
EOF
awk -F, 'NR > 1 { total[$1] += $3 } END { for (r in total) print r, total[r] }' sales.csv | sort
awk -F, 'NR > 1 { s += $3 } END { print "total", s }' sales.csv
