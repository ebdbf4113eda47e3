/**
 * Runs a child process with stdout to /dev/null and measures wall time, peak RSS (the kernel's
 * high-water mark, VmHWM) and CPU time (user + system, all threads: V8 collects garbage on helper
 * threads, which a second core runs in parallel), both sampled from /proc every 20 ms until the
 * child exits, so CPU time can be up to one sample short. `bin/gala` execs node, so the PID is
 * the replaying process itself.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";

export interface Measured {
  seconds: number;
  peakRssMb: number;
  /** User + system CPU seconds as last sampled (0 where /proc is not available). */
  cpuSeconds: number;
  status: number | null;
  stderr: string;
}

function highWaterMarkKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // already gone, or not Linux
  }
}

/** utime + stime (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s on Linux). */
export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

export function measure(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Measured> {
  const devNull = openSync("/dev/null", "w");
  const started = performance.now();
  const child = spawn(command, args, { stdio: ["ignore", devNull, "pipe"], env });
  let peakKb = 0;
  let ticks = 0;
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const timer = setInterval(() => {
    if (!child.pid) return;
    peakKb = Math.max(peakKb, highWaterMarkKb(child.pid));
    const now = cpuTicks(child.pid);
    if (now > ticks) ticks = now;
  }, 20);
  return new Promise((resolve) => {
    child.on("exit", (status) => {
      const seconds = (performance.now() - started) / 1000;
      clearInterval(timer);
      closeSync(devNull);
      resolve({ seconds, peakRssMb: peakKb / 1024, cpuSeconds: ticks / 100, status, stderr });
    });
  });
}
