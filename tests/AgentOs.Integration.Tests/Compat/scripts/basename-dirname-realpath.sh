basename /a/b/c.txt
basename /a/b/c.txt .txt
dirname /a/b/c.txt
mkdir -p x/y; cd x/y
basename "$(pwd)"
cd ../..
realpath --relative-to=. x/y
