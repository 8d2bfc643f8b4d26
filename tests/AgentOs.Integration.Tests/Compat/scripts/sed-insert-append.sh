printf 'line1\nline2\nline3\n' > f
sed -i '2i inserted before 2' f
sed -i '$a appended at end' f
sed -i '1a after first' f
cat f
