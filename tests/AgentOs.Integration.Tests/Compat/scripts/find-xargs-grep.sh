mkdir -p src
printf 'import os\n' > src/a.py
printf 'import sys\n' > src/b.py
printf 'x = 1\n' > src/c.py
find src -name '*.py' | sort | xargs grep -l import
find src -name '*.py' -print0 | sort -z | xargs -0 cat | wc -l
