export APP_ENV=test
sh -c 'echo "child sees $APP_ENV"'
LOCAL_ONLY=1
sh -c 'echo "child sees [${LOCAL_ONLY}]"'
FOO=bar sh -c 'echo "inline $FOO"'
env -i A=1 sh -c 'echo "A=$A"'
