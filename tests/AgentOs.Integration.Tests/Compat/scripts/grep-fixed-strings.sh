printf 'a.b\naxb\n[x]\n' > data
grep -F 'a.b' data
grep -F '[x]' data
grep 'a.b' data | wc -l
