/**
 * A lock file naming the process that holds it: taken by creating the file exclusively (O_EXCL),
 * so of two processes only one succeeds; given up by removing it. A holder that died without
 * removing it (kill -9, a crash, the machine restarted) left a stale file: its process is gone, or
 * its pid now belongs to another process (told apart by the start time the kernel gives every
 * process, kept in the file), and the next process takes the lock over.
 *
 * Used for the two things in DATA_DIR that only one process may do at a time: run the embedded
 * engine on its database (`engine.lock`) and index into it (`run-<index>.lock`).
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

export interface LockHolder {
  pid: number;
  /** What the holder said it was doing (e.g. "service", "npm run index"). */
  what: string;
  since: string;
}

interface LockRecord extends LockHolder {
  /** The holder's start time in clock ticks since boot (Linux), to tell a reused pid from the holder. */
  startTicks: string | null;
}

/** A process's start time as the kernel keeps it (field 22 of /proc/PID/stat), or null off Linux. */
function startTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process a lock record names still runs (the same process, not a new one with its pid). */
export function holderAlive(record: Pick<LockRecord, 'pid' | 'startTicks'>): boolean {
  if (!Number.isInteger(record.pid) || record.pid <= 0 || !alive(record.pid)) return false;
  const now = startTicks(record.pid);
  return record.startTicks === null || now === null || now === record.startTicks;
}

function readRecord(file: string): LockRecord | null {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockRecord>;
    return { pid: Number(r.pid), what: String(r.what ?? 'unknown'), since: String(r.since ?? ''), startTicks: typeof r.startTicks === 'string' ? r.startTicks : null };
  } catch {
    return null;
  }
}

export class PidLock {
  private released = false;

  private constructor(readonly file: string) {}

  /**
   * Takes the lock, or answers who holds it. A stale lock is taken over; a file that cannot be
   * read (half written by a holder that died at that instant) counts as stale.
   */
  static acquire(file: string, what: string): PidLock | { heldBy: LockHolder } {
    const record: LockRecord = { pid: process.pid, what, since: new Date().toISOString(), startTicks: startTicks(process.pid) };
    for (let attempt = 0; attempt < 3; attempt++) {
      let fd: number;
      try {
        fd = openSync(file, 'wx', 0o600);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = readRecord(file);
        if (holder && holderAlive(holder)) return { heldBy: { pid: holder.pid, what: holder.what, since: holder.since } };
        // Stale: moved aside under a name of our own first, so that of two processes finding it
        // stale at once only one removes it (the other's rename fails and it tries again).
        const aside = `${file}.stale-${process.pid}`;
        try {
          renameSync(file, aside);
          rmSync(aside, { force: true });
        } catch {
          // Another process took it over first.
        }
        continue;
      }
      try {
        writeSync(fd, JSON.stringify(record));
      } finally {
        closeSync(fd);
      }
      return new PidLock(file);
    }
    const holder = readRecord(file);
    return { heldBy: holder ? { pid: holder.pid, what: holder.what, since: holder.since } : { pid: 0, what: 'unknown', since: '' } };
  }

  /** Who holds the lock in `file` now, if a live process does. */
  static holder(file: string): LockHolder | null {
    const record = readRecord(file);
    return record && holderAlive(record) ? { pid: record.pid, what: record.what, since: record.since } : null;
  }

  /** Gives the lock up: removes the file if it is still this process's. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (readRecord(this.file)?.pid === process.pid) rmSync(this.file, { force: true });
  }
}

/** How a lock's holder is named in messages: "process 1234 (service, since …)". */
export function describeHolder(h: LockHolder): string {
  return `process ${h.pid} (${h.what}${h.since ? `, since ${h.since}` : ''})`;
}
