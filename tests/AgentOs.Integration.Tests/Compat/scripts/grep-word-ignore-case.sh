printf 'Foo bar\nfoobar\nFOO\nbaz foo.\n' > t
grep -iw foo t
echo ---
grep -in 'BAR' t
