echo same > x
echo same > y
echo other > z
diff x y && echo identical
diff x z > /dev/null
echo "differs=$?"
diff -q x z
echo "q=$?"
