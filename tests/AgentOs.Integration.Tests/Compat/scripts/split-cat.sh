seq 1 10 > whole
split -l 4 whole part_
ls part_*
cat part_* | cmp - whole && echo rejoined
