import fs from 'node:fs';

/** The FerretDB this process started (scripts/servers.ts spawns it as a direct child). */
function ferretDbPid(): number {
  const children = fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(fields[1]) === process.pid && stat.includes('(ferretdb)');
      } catch {
        return false; // gone meanwhile
      }
    });
  if (children.length !== 1)
    throw new Error(`expected one FerretDB started by this process, found ${children.length}`);
  return Number(children[0]);
}

/** Stops the store as a long pause would (a stalled disk, a stop-the-world): every command waits until `resume`. */
export function pauseStore(): { resume(): void } {
  const pid = ferretDbPid();
  process.kill(pid, 'SIGSTOP');
  return { resume: () => process.kill(pid, 'SIGCONT') };
}
