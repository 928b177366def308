import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { err, ok, type Result } from "@scrutiny/domain";

/** Who holds a data directory, as written in its lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly command: string;
  readonly since: string;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for the holder. */
  readonly startTicks?: number | undefined;
}

export interface DirectoryLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

export const LOCK_FILE = "scrutiny.lock";

/**
 * Takes the exclusive lock on a PGlite data directory. PGlite is a single-process database: two
 * processes on one directory each keep their own copy in memory and overwrite each other's
 * files, losing acknowledged data. The lock file is created atomically (O_EXCL); a lock whose
 * process is gone (killed, crashed) is stale and taken over.
 */
export function lockDirectory(directory: string, command: string): Result<DirectoryLock, LockHolder> {
  const path = join(directory, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    command,
    since: new Date().toISOString(),
    startTicks: startTicks(process.pid),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o644);
      try {
        writeSync(fd, `${JSON.stringify(me)}\n`);
      } finally {
        closeSync(fd);
      }
      return ok({
        path,
        release: () => {
          if (readHolder(path)?.pid === me.pid) unlinkSync(path);
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(path);
    if (holder !== undefined && isAlive(holder)) return err(holder);
    // Stale (its process is gone) or unreadable (a writer died mid-write): take it over.
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  const holder = readHolder(path);
  return err(holder ?? { pid: 0, command: "unknown", since: "unknown" });
}

/** One line for people: who holds the directory and since when. */
export function describeHolder(directory: string, holder: LockHolder): string {
  return (
    `data directory ${directory} is in use by process ${holder.pid} (${holder.command}) since ${holder.since}; ` +
    `stop it first, or use another --data-dir (PGlite allows one process per directory)`
  );
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number") return undefined;
    return {
      pid: parsed.pid,
      command: String(parsed.command ?? "unknown"),
      since: String(parsed.since ?? "unknown"),
      startTicks: typeof parsed.startTicks === "number" ? parsed.startTicks : undefined,
    };
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const ticks = startTicks(holder.pid);
  return holder.startTicks === undefined || ticks === undefined || ticks === holder.startTicks;
}

/** Field 22 of /proc/<pid>/stat; undefined where /proc is not available. */
function startTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const value = Number(fields[19]);
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
