seq 1 100 > hundred
head -3 hundred
tail -2 hundred
tail -n +98 hundred
head -c 5 hundred | od -c | head -1
