// A minimal Node.js client for `agentos sidecar` (docs/sidecar-protocol.md): JSON-RPC 2.0, one JSON object per line.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

class Sidecar {
  constructor(command) {
    // stderr carries the sidecar's log lines; stdout carries only protocol frames.
    this.child = spawn(command, ["sidecar"], { stdio: ["pipe", "pipe", "inherit"] });
    this.pending = new Map();
    this.nextId = 0;
    this.exited = new Promise((resolve) => this.child.on("exit", resolve));
    createInterface({ input: this.child.stdout }).on("line", (line) => this.#receive(JSON.parse(line)));
  }

  #receive(message) {
    if (message.method === "process.output") {
      // Streamed output of process.spawn; requests may be answered in any order, so match responses by id.
      process.stdout.write(Buffer.from(message.params.data, "base64"));
      return;
    }
    const waiter = this.pending.get(message.id);
    if (!waiter) return; // other notifications (process.exit, vm.limitWarning…)
    this.pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${message.error.message} (code ${message.error.code})`));
    else waiter.resolve(message.result);
  }

  call(method, params) {
    const id = ++this.nextId;
    this.child.stdin.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  close() {
    this.child.stdin.end(); // closing stdin ends the session and disposes every VM
    return this.exited;
  }
}

const sidecar = new Sidecar(process.env.AGENTOS ?? "agentos");
try {
  const { vmId } = await sidecar.call("vm.create", { limits: { resources: { maxProcesses: 32 } } });
  // Two commands at once: one captured by process.exec, one streamed by process.spawn.
  const [exec, spawned] = await Promise.all([
    sidecar.call("process.exec", { vmId, command: "echo hello from node | wc -w" }),
    sidecar.call("process.spawn", { vmId, program: "echo", args: ["streamed", "output"] }),
  ]);
  const status = await sidecar.call("process.wait", { vmId, pid: spawned.pid });
  process.stdout.write(`words: ${Buffer.from(exec.stdout, "base64").toString().trim()}\n`);
  process.stdout.write(`echo exited with ${status.exitCode}\n`);
  await sidecar.call("vm.dispose", { vmId });
  process.exitCode = exec.exitCode;
} finally {
  await sidecar.close();
}
