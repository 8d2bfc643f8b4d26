mkdir -p listing
touch listing/c listing/a listing/b
ls listing
ls -1 listing | sort -r
ls -a listing | head -2
