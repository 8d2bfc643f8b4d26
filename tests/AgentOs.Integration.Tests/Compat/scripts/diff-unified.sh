printf 'a\nb\nc\nd\n' > old.txt
printf 'a\nB\nc\nd\ne\n' > new.txt
diff -u old.txt new.txt | tail -n +3
echo "status=$?"
