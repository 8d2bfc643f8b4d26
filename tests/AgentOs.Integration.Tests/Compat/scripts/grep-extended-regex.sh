cat > log.txt <<'EOF'
2024-01-01 INFO start
2024-01-01 ERROR disk full
2024-01-02 WARN slow
2024-01-02 ERROR timeout
2024-01-03 INFO stop
EOF
grep -E 'ERROR|WARN' log.txt
grep -Eo '[0-9]{4}-[0-9]{2}-[0-9]{2}' log.txt | sort -u
grep -v INFO log.txt | wc -l
