import { expect, it } from "vitest";
import type { Db } from "../../store/types.js";
import { sharedPerTurn } from "./shared-reads.js";

const turn = () => new Promise((resolve) => setImmediate(resolve));

it("shares a read among the calls of one turn asking the same of one store", async () => {
  const reads: string[] = [];
  let stored = 1;
  const read = sharedPerTurn(
    async (db: Db, arg: { id: string }) => {
      reads.push(`${String(db)}:${arg.id}`);
      return `${arg.id}${stored}`;
    },
    (arg) => arg.id,
  );
  const b = new String("b") as unknown as Db;
  const c = new String("c") as unknown as Db;
  const got = await Promise.all([
    read(b, { id: "x" }),
    read(b, { id: "x" }),
    read(b, { id: "y" }),
    read(c, { id: "x" }),
  ]);
  expect(got).toEqual(["x1", "x1", "y1", "x1"]);
  expect(reads).toEqual(["b:x", "b:y", "c:x"]);
  // A later turn reads again, and sees what was written since.
  stored = 2;
  await turn();
  expect(await read(b, { id: "x" })).toBe("x2");
  expect(reads).toHaveLength(4);
});
