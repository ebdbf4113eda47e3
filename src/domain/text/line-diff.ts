/**
 * A line diff of two texts (two versions of a campaign file), as the editor's history shows it:
 * the shortest edit script (Myers, O((N+M)·D)), then grouped into hunks with a few lines of
 * context. Pure: text in, lines out.
 */
export type DiffOp = "same" | "add" | "del";

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line in the old text (`same`, `del`) and in the new one (`same`, `add`). */
  oldLine: number | null;
  newLine: number | null;
}

export interface DiffHunk {
  lines: DiffLine[];
}

const split = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/** Every line of both texts in order, each kept, added or deleted. */
export function lineDiff(oldText: string, newText: string): DiffLine[] {
  const a = split(oldText);
  const b = split(newText);
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers to recover the script.
  const out: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK =
      k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: "same", text: a[x - 1]!, oldLine: x, newLine: y });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) out.push({ op: "add", text: b[y - 1]!, oldLine: null, newLine: y });
      else out.push({ op: "del", text: a[x - 1]!, oldLine: x, newLine: null });
    }
    x = prevX;
    y = prevY;
  }
  return out.reverse();
}

/** The changed lines with `context` unchanged lines around each change, in hunks. */
export function diffHunks(oldText: string, newText: string, context = 3): DiffHunk[] {
  const lines = lineDiff(oldText, newText);
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, i) => {
    if (l.op === "same") return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) {
      keep[j] = true;
    }
  });
  const hunks: DiffHunk[] = [];
  let current: DiffLine[] | undefined;
  lines.forEach((l, i) => {
    if (!keep[i]) {
      current = undefined;
      return;
    }
    if (!current) {
      current = [];
      hunks.push({ lines: current });
    }
    current.push(l);
  });
  return hunks;
}
