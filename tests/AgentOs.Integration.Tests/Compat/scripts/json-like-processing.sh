cat > package.json <<'EOF'
{
  "name": "demo",
  "version": "1.4.2",
  "scripts": {
    "test": "jest"
  }
}
EOF
grep '"version"' package.json | sed -E 's/.*"([0-9.]+)".*/\1/'
awk -F'"' '/"name"/ { print $4 }' package.json
sed -i 's/"1.4.2"/"1.5.0"/' package.json
grep -c 1.5.0 package.json
