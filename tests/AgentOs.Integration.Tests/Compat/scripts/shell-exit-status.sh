check() { [ -f "$1" ]; }
touch present
check present && echo yes
check absent || echo no
(exit 3)
echo "subshell=$?"
sh -c 'exit 7'
echo "child=$?"
exit 4
