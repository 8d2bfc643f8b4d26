mkdir -p build/obj build/empty
touch build/obj/a.o build/obj/b.o build/keep.txt
find build -name '*.o' -delete
find build -type d -empty | sort
find build | sort
