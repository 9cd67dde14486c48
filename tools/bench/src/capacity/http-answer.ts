// The little of an HTTP/1.1 answer the load generator reads (keep-alive-posts.ts): where it ends, its
// status, and two headers. Not a general parser: answers to our own POSTs on loopback.

/** An answer's status line and headers, as far as the generator needs them. */
export interface AnswerHead {
  status: number;
  /** `Idempotent-Replayed: true`. */
  replayed: boolean;
  /** False when the server said `Connection: close`. */
  keepAlive: boolean;
  /** Bytes of the head, up to and including the blank line. */
  headBytes: number;
  /** `Content-Length`, or undefined for a chunked body. */
  contentLength: number | undefined;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** The head of the answer at the start of `bytes`, or undefined while it is incomplete. */
export function parseAnswerHead(bytes: Buffer): AnswerHead | undefined {
  const end = bytes.indexOf(HEAD_END);
  if (end < 0) return undefined;
  const [statusLine, ...lines] = bytes.toString('latin1', 0, end).split('\r\n');
  const head: AnswerHead = { status: Number(statusLine.slice(9, 12)), replayed: false, keepAlive: true, headBytes: end + 4, contentLength: 0 };
  let chunked = false;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === 'content-length') head.contentLength = Number(value);
    else if (name === 'transfer-encoding') chunked = value.includes('chunked');
    else if (name === 'connection') head.keepAlive = value !== 'close';
    else if (name === 'idempotent-replayed') head.replayed = value === 'true';
  }
  if (chunked) head.contentLength = undefined;
  return head;
}

/** What follows the answer in `bytes` once its body is complete (usually nothing), or undefined while it is not. */
export function readAnswerBody(head: AnswerHead, bytes: Buffer): Buffer | undefined {
  if (head.contentLength !== undefined) {
    const end = head.headBytes + head.contentLength;
    return bytes.length >= end ? bytes.subarray(end) : undefined;
  }
  // Chunked: size line, data, CRLF, until the zero-size chunk and the blank line after it (no trailers sent here).
  let at = head.headBytes;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(bytes.toString('latin1', at, lineEnd), 16);
    const next = lineEnd + 2 + size + 2;
    if (bytes.length < next) return undefined;
    if (size === 0) return bytes.subarray(next);
    at = next;
  }
}
