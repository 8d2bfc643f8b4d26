echo hello > h.txt
md5sum h.txt
sha256sum h.txt
sha1sum < h.txt
