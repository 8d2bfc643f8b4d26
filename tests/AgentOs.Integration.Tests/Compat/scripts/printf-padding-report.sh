printf '%-10s %6s\n' NAME SIZE
for f in small medium large; do
  case $f in small) n=10;; medium) n=2000;; large) n=300000;; esac
  printf '%-10s %6d\n' "$f" "$n"
done
