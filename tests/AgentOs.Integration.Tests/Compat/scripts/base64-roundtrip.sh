echo "secret data" | base64
echo "c2VjcmV0IGRhdGEK" | base64 -d
printf 'abc' | base64 | base64 -d; echo
