printf '1\n2\n3\n' > p
printf '1\n3\n4\n' > q
diff p q
echo "rc=$?"
