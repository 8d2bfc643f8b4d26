cat > pw <<'EOF'
root:x:0:0:root:/root:/bin/bash
agent:x:1000:1000:Agent:/home/agent:/bin/sh
EOF
cut -d: -f1,7 pw
awk -F: '$3 >= 1000 { print $1 }' pw
