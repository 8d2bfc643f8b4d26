echo "hello world foo" | sed -e 's/hello/goodbye/' -e 's/foo/bar/g' -e 's/ /_/g'
printf 'a\nb\nc\n' | sed -n '$='
printf 'x1\nx2\n' | sed 'y/x/y/'
