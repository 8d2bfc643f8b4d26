mkdir -p v1 v2
echo one > v1/a; echo one > v2/a
echo two > v1/b; echo TWO > v2/b
echo only > v1/c
diff -r v1 v2
echo "status=$?"
