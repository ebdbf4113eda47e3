import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffHunks, lineDiff } from "./line-diff.js";

const apply = (lines: ReturnType<typeof lineDiff>) => ({
  old: lines.filter((l) => l.op !== "add").map((l) => l.text),
  new: lines.filter((l) => l.op !== "del").map((l) => l.text),
});

describe("lineDiff", () => {
  it("marks a changed line as one deletion and one addition", () => {
    const d = lineDiff("a\nb\nc\n", "a\nB\nc\n");
    expect(d.map((l) => `${l.op}:${l.text}`)).toEqual(["same:a", "del:b", "add:B", "same:c"]);
    expect(d[2]).toMatchObject({ oldLine: null, newLine: 2 });
  });

  it("rebuilds both texts, and is minimal where the texts share a longest common part", () => {
    const line = fc.constantFrom("a", "b", "c", "d");
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
        const d = lineDiff(a.join("\n"), b.join("\n"));
        expect(apply(d)).toEqual({ old: a, new: b });
        const same = d.filter((l) => l.op === "same").length;
        // The kept lines are a longest common subsequence (checked by dynamic programming).
        const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
          new Array<number>(b.length + 1).fill(0),
        );
        const at = (i: number, j: number) => lcs[i]![j]!;
        for (let i = 1; i <= a.length; i++)
          for (let j = 1; j <= b.length; j++)
            lcs[i]![j] =
              a[i - 1] === b[j - 1] ? at(i - 1, j - 1) + 1 : Math.max(at(i - 1, j), at(i, j - 1));
        expect(same).toBe(at(a.length, b.length));
      }),
    );
  });

  it("groups changes into hunks with context", () => {
    const old = Array.from({ length: 20 }, (_, i) => `l${i}`).join("\n");
    const next = old.replace("l2\n", "L2\n").replace("l17\n", "L17\n");
    const hunks = diffHunks(old, next, 1);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]!.lines.map((l) => l.text)).toEqual(["l1", "l2", "L2", "l3"]);
    expect(diffHunks(old, old)).toEqual([]);
  });
});
