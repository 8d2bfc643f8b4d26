set -o pipefail
false | true
echo "pipefail=$?"
set +o pipefail
false | true
echo "nopipefail=$?"
