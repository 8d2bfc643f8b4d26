mkdir -p out
for src in main util; do
  echo "compiling $src"
  echo "obj:$src" > out/$src.o
done
cat out/*.o > out/app
echo "linked $(wc -l < out/app) objects"
[ -f out/app ] && echo "build ok"
