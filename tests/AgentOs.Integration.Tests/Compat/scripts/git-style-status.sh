mkdir -p tracked
echo 1 > tracked/a; echo 2 > tracked/b
cp -r tracked snapshot
echo changed > tracked/a
echo new > tracked/c
rm tracked/b
diff -rq snapshot tracked | sort
