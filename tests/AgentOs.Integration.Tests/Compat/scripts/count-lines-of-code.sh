mkdir -p repo/a repo/b
seq 1 10 > repo/a/one.py
seq 1 5 > repo/b/two.py
seq 1 3 > repo/b/three.js
find repo -name '*.py' | sort | xargs wc -l
find repo -type f | sed 's/.*\.//' | sort | uniq -c
