seq 1 5 | tee copy.txt | tail -1
cat copy.txt | wc -l
echo appended | tee -a copy.txt > /dev/null
tail -1 copy.txt
