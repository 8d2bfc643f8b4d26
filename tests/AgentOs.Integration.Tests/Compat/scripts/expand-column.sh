printf 'a\tb\tc\n' | expand -t 4
printf 'name age\nalice 30\nbob 4\n' | column -t 2>/dev/null || printf 'name age\nalice 30\nbob 4\n' | awk '{printf "%-6s%s\n",$1,$2}'
