touch script.sh
chmod 755 script.sh
stat -c '%a' script.sh
chmod u-x,go-rx script.sh
stat -c '%a' script.sh
chmod +x script.sh
[ -x script.sh ] && echo executable
