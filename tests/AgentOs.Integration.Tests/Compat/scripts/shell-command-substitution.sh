count=$(ls | wc -l)
echo "entries: $count"
mkdir -p items; touch items/a items/b items/c
n=$(find items -type f | wc -l)
echo "files: $n"
echo "nested: $(echo "$(echo inner)")"
