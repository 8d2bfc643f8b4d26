seq 1 20 > nums
grep -A1 -B1 '^10$' nums
echo --
grep -C2 '^3$' nums
