echo a b c d e | xargs -n 2 echo
printf 'x\ny\n' | xargs -I{} echo "item {}"
printf '1\n2\n3\n' | xargs echo sum:
