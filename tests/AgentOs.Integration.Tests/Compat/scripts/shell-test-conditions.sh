mkdir -p d; touch f; echo data > nonempty
[ -d d ] && echo "d is dir"
[ -f f ] && echo "f is file"
[ -s f ] || echo "f is empty"
[ -s nonempty ] && echo "nonempty has data"
[[ "abc" == a* ]] && echo glob-match
[[ "v1.2" =~ ^v([0-9]+)\.([0-9]+)$ ]] && echo "major=${BASH_REMATCH[1]}"
[ 3 -lt 10 ] && echo numeric
