seq 1 1000 > numbers.txt
gzip numbers.txt
ls numbers.txt*
gunzip numbers.txt.gz
tail -1 numbers.txt
gzip -c numbers.txt | gunzip | wc -l
