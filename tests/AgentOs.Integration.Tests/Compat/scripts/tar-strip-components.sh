mkdir -p pkg-1.0/bin
echo '#!/bin/sh' > pkg-1.0/bin/tool
tar -czf pkg.tgz pkg-1.0
mkdir dest
tar -xzf pkg.tgz -C dest --strip-components=1
find dest | sort
