name=agent
count=3
cat <<EOF > config.ini
[core]
user = $name
retries = $((count * 2))
home = \$HOME
EOF
cat config.ini
