mkdir -p r/.git/objects r/src r/lib
touch r/.git/objects/x r/src/m.c r/lib/l.c
find r -path r/.git -prune -o -type f -print | sort
find r -name '*.c' -not -path '*/lib/*'
