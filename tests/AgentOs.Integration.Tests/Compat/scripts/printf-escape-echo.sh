echo -e 'a\tb'
echo -n no-newline; echo
echo 'single $quotes'
echo "double \$escaped"
