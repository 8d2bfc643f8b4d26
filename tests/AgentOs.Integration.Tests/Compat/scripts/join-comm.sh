printf 'a 1\nb 2\nc 3\n' > left
printf 'a x\nc y\nd z\n' > right
join left right
printf 'a\nb\nc\n' > s1
printf 'b\nc\nd\n' > s2
comm -12 s1 s2
comm -3 s1 s2
