echo target > t
ln -s t link
cat link
readlink link
ln t hard
cp link copy
[ -L copy ] || echo "copy is regular"
[ -L link ] && echo "link is symlink"
