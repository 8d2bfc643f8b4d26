echo "about to fail"
grep -q pattern /dev/null
