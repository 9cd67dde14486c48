// One API process of the soak, started from the chaos entry point, which it can kill and start again.
import { startNode, stopChild, waitUntilOk, type NodeProcess } from './child-processes';

/** Nest's start-up on a busy 2-core box. */
const REPLICA_START_TIMEOUT_MS = 60_000;

/** One API process; `start()` starts it again on the same port after it was killed. */
export class ApiReplica {
  readonly url: string;
  private process?: NodeProcess;

  /** `env`: the API's variables besides PORT (database, lease, payment provider, recovery). */
  constructor(
    readonly name: string,
    readonly script: string,
    readonly port: number,
    readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const started = startNode(this.script, { ...this.env, PORT: String(this.port), LOG_LEVEL: 'silent' });
    this.process = started;
    const alive = () => started.child.exitCode === null && started.child.signalCode === null;
    try {
      await waitUntilOk(`${this.url}/health`, REPLICA_START_TIMEOUT_MS, alive);
    } catch (error) {
      throw new Error(`${this.name} did not start: ${(error as Error).message}\n${started.stderrTail()}`);
    }
  }

  /** How the process ended, with the tail of its stderr, or undefined while it runs. */
  death(): string | undefined {
    if (!this.process) return undefined;
    const { child, stderrTail } = this.process;
    if (child.exitCode === null && child.signalCode === null) return undefined;
    return `exited (${child.signalCode ?? `code ${child.exitCode}`})${stderrTail() ? `; stderr:\n${stderrTail()}` : ''}`;
  }

  /** SIGKILL: no shutdown hooks, transactions cut mid-way, leases left behind. */
  async kill(): Promise<void> {
    if (!this.process) throw new Error(`${this.name} was never started`);
    await stopChild(this.process, 'SIGKILL');
  }

  stop(): Promise<void> {
    return this.process ? stopChild(this.process, 'SIGKILL') : Promise.resolve();
  }
}
