mkdir -p a/b
echo hi > a/b/f
cp -r a c
mv c/b/f c/b/g
rm -r a
find . | sort
cat c/b/g
