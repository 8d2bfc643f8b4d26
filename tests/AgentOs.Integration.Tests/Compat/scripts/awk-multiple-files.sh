echo "a 1" > f1; echo "b 2" > f2
awk '{ print FILENAME ": " $0 }' f1 f2
awk 'FNR == 1 { n++ } END { print n " files" }' f1 f2
