mkdir -p sz
head -c 2000 /dev/zero > sz/big
head -c 10 /dev/zero > sz/small
find sz -size +1k
find sz -type f -size -1k
