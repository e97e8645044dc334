// Seeded generator for the property checks: plain loops over reproducible
// pseudo-random cases, so a failure replays identically.

export { seededRandom } from "../../../scripts/lib/seeded-random";

export function pick<T>(random: () => number, options: readonly T[]): T {
  if (options.length === 0) throw new Error("pick from an empty list");
  // Options may legitimately include undefined (an omitted field).
  return options[Math.floor(random() * options.length)] as T;
}
