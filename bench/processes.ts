import fs from 'node:fs';

/**
 * CPU time and memory of the processes that make up the stack, read from /proc (Linux): this
 * process's descendants (the servers and the worker it started) and any process whose command line
 * names one of `markers` (servers that detach, e.g. PostgreSQL under another user).
 */
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the project runs on

interface ProcStat {
  pid: number;
  ppid: number;
  name: string;
  cpuSeconds: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name sits in parentheses and may itself hold spaces or parentheses.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      name: text.slice(text.indexOf('(') + 1, close),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined; // gone meanwhile
  }
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** CPU-seconds used so far per role: temporal, ferretdb, postgres, worker, bench (the API and the load, this process). */
export function cpuByRole(workerPid: number | undefined, markers: string[]): Record<string, number> {
  const stats = allPids()
    .map(readStat)
    .filter((s): s is ProcStat => !!s);
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const descends = (s: ProcStat): boolean => {
    for (let p = byPid.get(s.ppid); p; p = byPid.get(p.ppid)) if (p.pid === process.pid) return true;
    return false;
  };
  const roles: Record<string, number> = {};
  for (const s of stats) {
    if (s.pid === process.pid) continue;
    if (!descends(s) && !markers.some((m) => cmdline(s.pid).includes(m))) continue;
    const role = s.pid === workerPid ? 'worker' : s.name;
    roles[role] = (roles[role] ?? 0) + s.cpuSeconds;
  }
  const own = process.cpuUsage();
  roles.bench = (own.user + own.system) / 1e6;
  return roles;
}

/** What each role used between two readings. */
export function cpuSince(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after).map(([role, seconds]) => [role, seconds - (before[role] ?? 0)]),
  );
}

export function rssMiB(pid: number): { nowMiB: number; peakMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { nowMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}
