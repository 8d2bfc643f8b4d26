mkdir -p docs
for n in one two three; do echo "$n" > docs/$n.md; done
find docs -name '*.md' -exec cat {} \; | sort
find docs -type f -exec wc -c {} + | sort | tail -1
