printf '10\n9\n100\n9\n1\n' | sort -n
printf '10\n9\n100\n9\n1\n' | sort -rn | uniq
printf 'B\na\nC\nb\n' | sort -f
