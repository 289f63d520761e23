// --shard I/N: a deterministic split of the file list for CI machines that lint one part each.
// A file's shard depends only on its path relative to the working folder (a stable hash), not on
// which other files exist, so adding a file never moves the others; every file is in exactly one.

/** FNV-1a, 32 bits: small, fast and the same on every machine. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The 1-based shard of `key` among `count`. */
export function shardOf(key: string, count: number): number {
  return (hash(key.split('\\').join('/')) % count) + 1;
}

export function inShard<T>(items: readonly T[], key: (item: T) => string, shard: { index: number; count: number }): T[] {
  return items.filter((it) => shardOf(key(it), shard.count) === shard.index);
}
