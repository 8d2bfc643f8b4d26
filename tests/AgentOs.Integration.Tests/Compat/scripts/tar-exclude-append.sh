mkdir -p app/node_modules/dep app/src
echo code > app/src/index.js
echo dep > app/node_modules/dep/index.js
tar --exclude=node_modules -czf app.tgz app
tar -tzf app.tgz | sort
