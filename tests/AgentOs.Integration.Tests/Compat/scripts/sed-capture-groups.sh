printf 'John Smith\nJane Doe\n' | sed -E 's/([A-Za-z]+) ([A-Za-z]+)/\2, \1/'
echo "version=1.2.3" | sed 's/.*=\([0-9]*\)\.\([0-9]*\)\.\([0-9]*\)/major \1 minor \2 patch \3/'
