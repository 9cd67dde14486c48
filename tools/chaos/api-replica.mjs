// One API process of the soak, started from the chaos entry point, which it can kill and start again.
import { startNode, stopChild, waitUntilOk } from './child-processes.mjs';

/** Nest's start-up on a busy 2-core box. */
const REPLICA_START_TIMEOUT_MS = 60_000;

/** One API process; `start()` starts it again on the same port after it was killed. */
export class ApiReplica {
  /** `env`: the API's variables besides PORT (database, lease, payment provider, recovery). */
  constructor(name, script, port, env) {
    Object.assign(this, { name, script, port, env, url: `http://127.0.0.1:${port}` });
  }

  async start() {
    this.process = startNode(this.script, { ...this.env, PORT: String(this.port), LOG_LEVEL: 'silent' });
    const alive = () => this.process.child.exitCode === null && this.process.child.signalCode === null;
    try {
      await waitUntilOk(`${this.url}/health`, REPLICA_START_TIMEOUT_MS, alive);
    } catch (error) {
      throw new Error(`${this.name} did not start: ${error.message}\n${this.process.stderrTail()}`);
    }
  }

  /** How the process ended, with the tail of its stderr, or undefined while it runs. */
  death() {
    const { child, stderrTail } = this.process ?? {};
    if (!child || (child.exitCode === null && child.signalCode === null)) return undefined;
    return `exited (${child.signalCode ?? `code ${child.exitCode}`})${stderrTail() ? `; stderr:\n${stderrTail()}` : ''}`;
  }

  /** SIGKILL: no shutdown hooks, transactions cut mid-way, leases left behind. */
  kill() {
    return stopChild(this.process, 'SIGKILL');
  }

  stop() {
    return this.process ? stopChild(this.process, 'SIGKILL') : Promise.resolve();
  }
}
