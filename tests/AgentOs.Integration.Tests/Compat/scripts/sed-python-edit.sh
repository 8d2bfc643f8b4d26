mkdir -p pkg
cat > pkg/util.py <<'EOF'
def add(a, b):
    return a + b

def sub(a, b):
    return a - b
EOF
sed -i 's/def add(a, b):/def add(a: int, b: int) -> int:/' pkg/util.py
sed -i '/^def sub/i # subtraction' pkg/util.py
cat pkg/util.py
