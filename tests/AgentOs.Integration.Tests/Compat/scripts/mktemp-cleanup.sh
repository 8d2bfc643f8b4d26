dir=$(mktemp -d)
[ -d "$dir" ] && echo "temp dir made"
echo data > "$dir/f"
cat "$dir/f"
rm -rf "$dir"
[ -e "$dir" ] || echo "temp dir removed"
