printf 'alpha\nbeta\n' | nl
echo "abcdef" | rev
echo "abcdefghij" | fold -w 4
