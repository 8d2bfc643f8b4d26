echo "Hello World" | tr 'a-z' 'A-Z'
echo "a  b   c" | tr -s ' '
echo "phone: 555-1234" | tr -d -c '0-9\n'
echo "path/to/file" | tr '/' '\n'
