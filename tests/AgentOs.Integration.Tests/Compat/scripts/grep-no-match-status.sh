echo "alpha beta" > words
grep gamma words
echo "status=$?"
grep -q alpha words && echo found
grep nothing missing-file 2>/dev/null
echo "status=$?"
