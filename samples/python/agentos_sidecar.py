"""A minimal Python client for `agentos sidecar` (docs/sidecar-protocol.md): JSON-RPC 2.0, one JSON object per line."""
import base64
import json
import os
import subprocess
import sys


class Sidecar:
    def __init__(self, command):
        # stderr carries the sidecar's log lines; stdout carries only protocol frames.
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=sys.stderr)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        request = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        self.proc.stdin.write((json.dumps(request) + "\n").encode())
        self.proc.stdin.flush()
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the sidecar closed its output")
            message = json.loads(line)
            if "id" not in message:
                continue  # a notification (process.output, vm.limitWarning…): this client does not stream
            if message["id"] != self.next_id:
                raise RuntimeError(f"unexpected response {message}")
            if "error" in message:
                raise RuntimeError(f"{method}: {message['error']['message']} ({message['error'].get('data')})")
            return message["result"]

    def close(self):
        self.proc.stdin.close()  # closing stdin ends the session and disposes every VM
        return self.proc.wait()


def main():
    sidecar = Sidecar([os.environ.get("AGENTOS", "agentos"), "sidecar"])
    try:
        vm = sidecar.call("vm.create", limits={"resources": {"maxProcesses": 32}})["vmId"]
        sidecar.call("fs.writeFile", vmId=vm, path="/workspace/hello.txt",
                     data=base64.b64encode(b"hello from python\n").decode())
        result = sidecar.call("process.exec", vmId=vm, command="tr a-z A-Z < /workspace/hello.txt")
        sys.stdout.write(base64.b64decode(result["stdout"]).decode())
        try:
            sidecar.call("fs.stat", vmId=vm, path="/workspace/missing")
        except RuntimeError as error:
            print(f"as expected: {error}")
        sidecar.call("vm.dispose", vmId=vm)
        return result["exitCode"]
    finally:
        sidecar.close()


if __name__ == "__main__":
    sys.exit(main())
