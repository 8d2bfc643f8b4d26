set -e
cleanup() { echo "cleanup ran"; }
trap cleanup EXIT
echo working
false || echo "recovered"
echo done
