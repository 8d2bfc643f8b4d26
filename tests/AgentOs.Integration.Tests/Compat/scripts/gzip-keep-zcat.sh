echo "compressed content" > note
gzip -k note
ls note note.gz
zcat note.gz
gzip -t note.gz && echo ok
