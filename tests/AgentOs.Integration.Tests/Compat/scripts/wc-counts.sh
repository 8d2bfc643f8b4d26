printf 'one two\nthree\n' > t1
printf 'four\n' > t2
wc -l < t1
wc -w < t1
wc -c < t2
cat t1 t2 | wc -l
