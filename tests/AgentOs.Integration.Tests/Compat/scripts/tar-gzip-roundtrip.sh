mkdir -p project/src
echo 'print(1)' > project/src/main.py
echo '# Project' > project/README.md
tar -czf project.tar.gz project
rm -rf project
tar -xzf project.tar.gz
cat project/src/main.py project/README.md
tar -tzf project.tar.gz | sort
