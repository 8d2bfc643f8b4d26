echo "the quick brown fox" | awk '{ gsub(/o/, "0"); print toupper($0) }'
echo "a-b-c-d" | awk -F- '{ print NF, $NF }'
echo "key=value" | awk '{ split($0, kv, "="); print kv[2] "<-" kv[1] }'
