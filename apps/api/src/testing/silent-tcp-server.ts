import { createServer, Socket } from 'node:net';

/** A loopback TCP server that accepts connections and never answers on them. */
export interface SilentTcpServer {
  /** `http://127.0.0.1:<port>`: give it as a base URL to a client that should hang. */
  url: string;
  /** Resolves when the first connection has been accepted (a request is on its way, unanswered). */
  firstConnection: Promise<void>;
  /** Destroys the held connections and stops listening. */
  close(): Promise<void>;
}

/**
 * A provider that received nothing yet and will say nothing: the client's request is held in
 * flight, so a test can kill the client at the moment "the charge had not reached the provider".
 */
export async function startSilentTcpServer(): Promise<SilentTcpServer> {
  const sockets = new Set<Socket>();
  let accepted!: () => void;
  const firstConnection = new Promise<void>((resolve) => (accepted = resolve));
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    accepted();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    firstConnection,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
