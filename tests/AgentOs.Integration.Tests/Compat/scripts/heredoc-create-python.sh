mkdir -p src/app
cat > src/app/main.py <<'EOF'
import sys

def greet(name):
    return f"Hello, {name}!"

if __name__ == "__main__":
    print(greet(sys.argv[1] if len(sys.argv) > 1 else "world"))
EOF
cat src/app/main.py
wc -l src/app/main.py
