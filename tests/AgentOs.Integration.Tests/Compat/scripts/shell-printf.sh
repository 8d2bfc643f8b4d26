printf '%s\n' a b c
printf '%-5s|%5s|\n' ab cd
printf '%05.1f\n' 3.14159
printf '%s=%s\n' k1 v1 k2 v2
printf 'tab\there\n'
