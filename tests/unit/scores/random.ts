// Seeded generator for the property checks: plain loops over reproducible
// pseudo-random cases, so a failure replays identically.

/** mulberry32: small, fast, good enough to spread test cases. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, options: readonly T[]): T {
  if (options.length === 0) throw new Error("pick from an empty list");
  // Options may legitimately include undefined (an omitted field).
  return options[Math.floor(random() * options.length)] as T;
}
