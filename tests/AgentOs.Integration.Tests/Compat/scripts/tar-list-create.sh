mkdir -p data
for i in 1 2 3; do echo "file $i" > data/f$i; done
tar -cf data.tar data
tar -tf data.tar | sort
mkdir out && tar -xf data.tar -C out
cat out/data/f2
