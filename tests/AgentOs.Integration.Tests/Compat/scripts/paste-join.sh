printf '1\n2\n3\n' > ids
printf 'a\nb\nc\n' > names
paste ids names
paste -d, ids names
paste -s -d+ ids | bc 2>/dev/null || paste -s -d+ ids
