files=(one.txt two.txt "three four.txt")
echo "${#files[@]}"
for f in "${files[@]}"; do echo "<$f>"; done
files+=(five.txt)
echo "${files[3]}"
declare -A ages=([bob]=30 [amy]=25)
echo "${ages[amy]}"
