mkdir -p a/b/c d
touch a/x.txt a/b/y.txt a/b/c/z.txt d/w.log a/b/c/v.log
find . -name '*.txt' | sort
find . -type d | sort
