cat > emp.csv <<'EOF'
name,dept,salary
ann,eng,100
bob,eng,90
cat,ops,70
dan,ops,80
eve,eng,120
EOF
tail -n +2 emp.csv | cut -d, -f2 | sort | uniq -c
tail -n +2 emp.csv | sort -t, -k3,3nr | head -2 | cut -d, -f1
awk -F, 'NR>1 { n[$2]++; s[$2]+=$3 } END { for (d in n) printf "%s %.1f\n", d, s[d]/n[d] }' emp.csv | sort
