import { ExpiryQueue } from './expiryQueue.ts';
import type { PreflightCacheEntry, Version } from './preflightCacheTypes.ts';

/** How many entries Chromium drops at once when the cache is full. */
const EVICTION_BATCH = 10;

/**
 * Room for a new key in a full Chromium cache. When a new key arrives and
 * the cache is full, Chromium drops ten consecutive entries from a random
 * place in its ordered map (preflight_cache.cc; not LRU). Which ones cannot
 * be predicted, so the model first drops entries that can no longer serve
 * anyone (expired, or erased by a lookup), then ten in a row from a random
 * place; a guess that differs from Chromium's shows up later as a
 * "preflighted despite the cache" note, never as a wrong verdict.
 */
export class ChromiumEviction {
  // What lets makeRoom find the entries that can serve no one without a
  // scan: every stored entry by expiry (one that is no longer its key's
  // latest is skipped when it comes up), and the keys a lookup erased an
  // entry of since.
  readonly #expiries = new ExpiryQueue<{ readonly id: string; readonly entry: PreflightCacheEntry }>();
  readonly #erasedSinceScan = new Set<string>();
  readonly #keys: Map<string, Version[]>;
  readonly #maxEntries: number;
  readonly #random: () => number;

  constructor(keys: Map<string, Version[]>, maxEntries: number, random: () => number) {
    this.#keys = keys;
    this.#maxEntries = maxEntries;
    this.#random = random;
  }

  /** Queues a stored entry by expiry, first rebuilding the queue from the latest entries when superseded ones pile up. */
  stored(id: string, entry: PreflightCacheEntry): void {
    if (this.#expiries.size >= 4 * Math.max(this.#maxEntries, this.#keys.size)) {
      this.#expiries.clear();
      for (const [key, versions] of this.#keys) {
        const latest = (versions[versions.length - 1] as Version).entry;
        this.#expiries.add({ id: key, entry: latest }, latest.expiresAt);
      }
    }
    this.#expiries.add({ id, entry }, entry.expiresAt);
  }

  erased(id: string): void {
    this.#erasedSinceScan.add(id);
  }

  restored(id: string, latest: Version): void {
    this.#expiries.add({ id, entry: latest.entry }, latest.entry.expiresAt);
    if (latest.erasedAt !== undefined) this.#erasedSinceScan.add(id);
  }

  clear(): void {
    this.#expiries.clear();
    this.#erasedSinceScan.clear();
  }

  makeRoom(at: number): PreflightCacheEntry[] {
    if (this.#keys.size < this.#maxEntries) return [];
    const evicted: PreflightCacheEntry[] = [];
    for (const { id, entry } of this.#expiries.takeExpired(at)) {
      if (this.#latest(id)?.entry !== entry) continue;
      evicted.push(entry);
      this.#keys.delete(id);
    }
    for (const id of this.#erasedSinceScan) {
      const latest = this.#latest(id);
      if (latest?.erasedAt === undefined) continue;
      evicted.push(latest.entry);
      this.#keys.delete(id);
    }
    this.#erasedSinceScan.clear();
    if (this.#keys.size < this.#maxEntries) return evicted;
    const start = Math.floor(this.#random() * this.#keys.size);
    let index = 0;
    for (const id of this.#keys.keys()) {
      if (index++ < start) continue;
      evicted.push((this.#latest(id) as Version).entry);
      this.#keys.delete(id);
      if (evicted.length >= EVICTION_BATCH) break;
    }
    return evicted;
  }

  #latest(id: string): Version | undefined {
    const versions = this.#keys.get(id);
    return versions?.[versions.length - 1];
  }
}
