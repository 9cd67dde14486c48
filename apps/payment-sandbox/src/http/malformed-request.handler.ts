import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

// Node's parser refuses a request whose header holds a byte HTTP forbids (U+0000 and other
// controls) before the application sees it, with a bare 400. Answered here as Stripe would,
// naming the header, so a Stripe client can read why.
const FORBIDDEN_HEADER_BYTE = /[\x00-\x08\x0a-\x1f\x7f]/;

// What Node answers when no 'clientError' listener is attached (lib/_http_server.js).
const NODE_DEFAULT_ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
  ERR_HTTP_REQUEST_TIMEOUT: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
  default: 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
};

/** Node's parse error, with the bytes it was reading when it failed. */
type ClientError = Error & { code?: string; rawPacket?: Buffer };

/**
 * Makes `server` answer requests Node cannot parse with a Stripe error object,
 * `400 { error: { type: 'invalid_request_error', message, param? } }`, `param` naming the header
 * that holds a forbidden byte when one does. Other client errors get Node's own answers.
 */
export function answerMalformedRequestsAsStripe(server: Server): void {
  server.on('clientError', (error: ClientError, socket: Duplex) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    if (error.code !== 'HPE_INVALID_HEADER_TOKEN') {
      socket.end(NODE_DEFAULT_ANSWERS[error.code ?? ''] ?? NODE_DEFAULT_ANSWERS.default);
      return;
    }
    const param = headerWithForbiddenByte(error.rawPacket);
    const message = `Invalid request: ${param ?? 'a header'} holds a character HTTP does not allow in a header (such as U+0000).`;
    const body = JSON.stringify({ error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** The name of the first header line with a forbidden byte in its value, from the raw request. */
function headerWithForbiddenByte(rawPacket: Buffer | undefined): string | undefined {
  const lines = (rawPacket?.toString('latin1') ?? '').split('\r\n').slice(1);
  const line = lines.find((candidate) => FORBIDDEN_HEADER_BYTE.test(candidate.slice(candidate.indexOf(':') + 1)));
  const name = line?.slice(0, line.indexOf(':')).trim();
  return name && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) ? name : undefined;
}
