IFS=, read -r a b c <<< "x,y,z"
echo "$c $b $a"
read -r first rest <<< "one two three"
echo "$first|$rest"
