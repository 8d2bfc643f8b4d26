printf 'apple 3 0.5\nbanana 12 0.25\ncherry 100 2\n' | awk '{ printf "%-8s %5d %8.2f\n", $1, $2, $2 * $3 }'
