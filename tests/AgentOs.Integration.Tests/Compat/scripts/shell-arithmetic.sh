a=7; b=3
echo $((a + b)) $((a - b)) $((a * b)) $((a / b)) $((a % b)) $((a ** 2))
let c=a*b+1
echo $c
x=5; ((x++)); echo $x
printf '%d %x %o\n' 255 255 255
