// Memory of another process, read from Linux's /proc: the current resident
// set (VmRSS) and its high-water mark (VmHWM), which writing "5" to
// /proc/<pid>/clear_refs resets (Linux ≥ 4.0, for a process we own). So the
// peak RSS of a server during one request is exact, not sampled. Where the
// reset is refused, a 10 ms sampler gives a lower bound instead.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

const MB = 1024;

function statusKb(pid: number, key: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status);
  if (!m) throw new Error(`no ${key} for process ${pid}`);
  return Number(m[1]);
}

/** Resident memory now, in MB. */
export const rssMb = (pid: number): number => statusKb(pid, "VmRSS") / MB;

/** Highest resident memory since the process started (or the last reset), in MB. */
export const peakRssMb = (pid: number): number => statusKb(pid, "VmHWM") / MB;

/** Resets the high-water mark to the current RSS; false when the kernel refuses. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** Every process below `root` (children, grandchildren…). */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const p = queue.shift()!;
    for (const [child, ppid] of parent) {
      if (ppid !== p) continue;
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** The process whose command line starts with `title` (Next.js names its server "next-server (v…)"). */
export function findDescendant(root: number, title: string): number | undefined {
  return descendants(root).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith(title);
    } catch {
      return false;
    }
  });
}

export interface MemoryWindow {
  /** RSS when the window opened, MB. */
  readonly beforeMb: number;
  /** Highest RSS while it was open, MB. */
  readonly peakMb: number;
  /** How the peak was read. */
  readonly method: "VmHWM" | "sampled";
}

/** Measures a process's peak RSS while `work` runs. */
export async function withPeakRss<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; memory: MemoryWindow }> {
  const exact = resetPeak(pid);
  const beforeMb = rssMb(pid);
  let sampled = beforeMb;
  const timer = setInterval(() => {
    try {
      sampled = Math.max(sampled, rssMb(pid));
    } catch {
      // the process ended
    }
  }, 10);
  try {
    const result = await work();
    const peakMb = exact ? Math.max(peakRssMb(pid), sampled) : Math.max(sampled, rssMb(pid));
    return { result, memory: { beforeMb, peakMb, method: exact ? "VmHWM" : "sampled" } };
  } finally {
    clearInterval(timer);
  }
}
