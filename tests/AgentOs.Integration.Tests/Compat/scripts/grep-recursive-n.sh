mkdir -p proj/lib proj/tests
printf 'def foo():\n    pass\n# TODO: refactor\n' > proj/lib/a.py
printf 'import os\n# TODO add tests\nx = 1\n' > proj/tests/test_a.py
printf 'nothing here\n' > proj/README
grep -rn TODO proj | sort
