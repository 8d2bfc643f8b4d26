seq 1 10 | awk -v factor=3 'BEGIN { print "start" } { sum += $1 * factor } END { print "sum=" sum; print "avg=" sum / NR }'
