path=/home/user/project/file.tar.gz
echo "${path##*/}"
echo "${path%/*}"
echo "${path%%.*}"
echo "${path#*.}"
name=""
echo "${name:-default}"
s=abcdef
echo "${s:1:3} ${#s}"
v=hello; echo "${v^^}"
