cat > page.html <<'EOF'
<a href="https://example.com/a">A</a>
<a href="https://example.org/b">B</a>
<p>no link</p>
EOF
grep -o 'href="[^"]*"' page.html | sed 's/href="\(.*\)"/\1/'
grep -c '<a ' page.html
