printf 'b\na\nc\na\nb\na\n' > items
sort items | uniq
sort items | uniq -c
sort items | uniq -d
sort -u items | wc -l
