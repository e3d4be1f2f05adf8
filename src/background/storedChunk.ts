import type { SequencedTransactionDto } from '../core/protocol.ts';

/**
 * How a chunk of transactions is kept in chrome.storage.session: the ring's
 * items (each transaction a TransactionDto, which holds each value once) as
 * JSON, gzipped, in base64. The area holds 10 MB for the whole extension and
 * a transaction repeats the same headers as its neighbours (User-Agent,
 * Sec-Fetch-*, the server's CORS headers): gzip keeps about ten times as
 * many, so a full ring of 10,000 survives a restart.
 * WARNING: persisted format; a change takes a new key version (sessionStore.ts).
 */
export async function encodeChunk(list: readonly SequencedTransactionDto[]): Promise<string> {
  const json = new Blob([JSON.stringify(list)]).stream().pipeThrough(new CompressionStream('gzip'));
  return toBase64(new Uint8Array(await new Response(json).arrayBuffer()));
}

export async function decodeChunk(stored: unknown): Promise<SequencedTransactionDto[]> {
  if (typeof stored !== 'string') throw new Error('a stored chunk is a string');
  const json = new Blob([fromBase64(stored)]).stream().pipeThrough(new DecompressionStream('gzip'));
  const list: unknown = JSON.parse(await new Response(json).text());
  if (!Array.isArray(list)) throw new Error('a stored chunk holds a list');
  return list as SequencedTransactionDto[];
}

// btoa takes a "binary string": built in slices, as one call per byte would overflow the stack.
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
