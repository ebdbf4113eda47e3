/**
 * Runs a child process with stdout to /dev/null and measures wall time and peak RSS. Peak RSS
 * is the kernel's high-water mark (VmHWM in /proc/PID/status), sampled until the child exits;
 * `bin/gala` execs node, so the PID is the checking process itself.
 */
import { spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";

export interface Measured {
  seconds: number;
  peakRssMb: number;
  status: number | null;
  stderr: string;
}

function highWaterMarkKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // already gone, or not Linux
  }
}

export function measure(command: string, args: readonly string[]): Promise<Measured> {
  const devNull = openSync("/dev/null", "w");
  const started = performance.now();
  const child = spawn(command, args, { stdio: ["ignore", devNull, "pipe"] });
  let peakKb = 0;
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const timer = setInterval(() => {
    if (child.pid) peakKb = Math.max(peakKb, highWaterMarkKb(child.pid));
  }, 20);
  return new Promise((resolve) => {
    child.on("exit", (status) => {
      const seconds = (performance.now() - started) / 1000;
      clearInterval(timer);
      resolve({ seconds, peakRssMb: peakKb / 1024, status, stderr });
    });
  });
}
