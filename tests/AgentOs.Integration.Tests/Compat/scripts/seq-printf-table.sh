for i in $(seq 1 3); do
  for j in $(seq 1 3); do
    printf '%3d' $((i * j))
  done
  echo
done
seq -s, 1 5
seq 10 -3 1
