mkdir -p code
echo 'int main() { return 0; }' > code/main.c
echo 'main = 1' > code/main.py
echo 'no main' > code/notes.txt
grep -rl --include='*.c' main code
grep -r --include='*.py' -h main code
