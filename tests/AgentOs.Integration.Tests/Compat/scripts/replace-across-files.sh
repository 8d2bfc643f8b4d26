mkdir -p src
for m in a b c; do printf 'from oldlib import thing\nprint("%s")\n' "$m" > src/$m.py; done
grep -rl oldlib src | sort | xargs sed -i 's/oldlib/newlib/g'
grep -rh 'import' src | sort -u
grep -r oldlib src || echo "no oldlib left"
