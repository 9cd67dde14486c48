// A payment provider that accepts connections and never answers: a checkout charging through it
// stays in flight at its charge until the API's own deadline, as with a provider that hangs.
import { createServer, type Socket } from 'node:net';

/** A running silent provider. */
export interface SilentProvider {
  /** `http://127.0.0.1:<port>`, for `PAYMENT_PROVIDER_URL`. */
  url: string;
  /** Destroys the held connections and stops listening. */
  close: () => Promise<void>;
}

export async function startSilentProvider(): Promise<SilentProvider> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
