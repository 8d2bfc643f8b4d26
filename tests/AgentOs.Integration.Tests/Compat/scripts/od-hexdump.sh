printf 'AB\n' | od -An -tx1
printf 'hi' | od -c
