touch a b c
rm b
for f in a b c; do
  if [ -e "$f" ]; then echo "$f exists"; else echo "$f missing"; fi
done
rm -f nothing-here && echo "rm -f ok"
rm nothing-here 2>/dev/null; echo "rm rc=$?"
