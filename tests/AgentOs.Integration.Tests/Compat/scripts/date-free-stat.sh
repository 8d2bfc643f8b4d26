printf '12345' > five
stat -c '%s %n' five
mkdir dd
stat -c '%F' five dd
