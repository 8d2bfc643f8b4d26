for i in 1 2 3 4; do seq 1 $((i * 5)) > f$i.txt; done
grep -c 1 f*.txt
grep -l 15 f*.txt
grep -L 20 f*.txt
