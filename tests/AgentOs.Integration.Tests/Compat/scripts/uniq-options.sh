printf 'a\na\nb\nc\nc\nc\n' > u
uniq -u u
uniq -c u
printf 'x A\ny A\nz B\n' | uniq -f1
