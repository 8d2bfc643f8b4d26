echo out > o.txt
echo err >&2 2> e.txt
{ echo one; echo two; } > both.txt
cat both.txt
ls nonexistent 2>/dev/null || echo "ls failed"
echo append >> o.txt
cat o.txt
exec 3> fd3.txt; echo via-fd3 >&3; exec 3>&-
cat fd3.txt
