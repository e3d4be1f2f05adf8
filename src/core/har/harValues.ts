import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';
import { serializeOrigin } from '../fetch/origin.ts';

// Values HAR writers spell each their own way, read leniently: an address
// space in any case and by either name, a page title that may be its URL, a
// date with any offset.

export function toAddressSpace(space: string): IpAddressSpace {
  const lower = space.toLowerCase();
  if (lower === 'loopback' || lower === 'public') return lower;
  return lower === 'local' || lower === 'private' ? 'local' : 'unknown';
}

export function originOfTitle(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const origin = serializeOrigin(title);
  return origin === 'null' ? undefined : origin;
}

// Dates may be local with any offset (Firefox) or malformed: fall back to the
// previous entry's time so the order survives.
export function timeOf(date: string, fallback: number): number {
  const time = Date.parse(date);
  return Number.isFinite(time) ? time : fallback;
}
