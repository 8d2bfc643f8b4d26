printf 'abc' > m1
printf 'abd' > m2
cmp m1 m2
echo "rc=$?"
cmp -s m1 m1 && echo same
