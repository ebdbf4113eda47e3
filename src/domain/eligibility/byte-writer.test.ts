import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteWriter, utf8 } from "./byte-writer.js";

describe("ByteWriter", () => {
  it("writes pieces and text as the UTF-8 of their concatenation, growing as needed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.string({ unit: "grapheme", maxLength: 80 })), {
          maxLength: 40,
        }),
        (parts) => {
          const out = new ByteWriter(8);
          for (const [asPiece, text] of parts) {
            if (asPiece) out.bytes(utf8(text));
            else out.text(text);
          }
          const expected = parts.map(([, text]) => text).join("");
          expect(out.length).toBe(Buffer.byteLength(expected));
          expect(out.takeText()).toBe(expected);
          expect(out.length).toBe(0);
        },
      ),
    );
  });

  it("encodes short text past ASCII as UTF-8 (U+0080 is two bytes)", () => {
    const out = new ByteWriter(4);
    out.text("a\u0080");
    out.text("\u007f");
    expect([...out.take()]).toEqual([0x61, 0xc2, 0x80, 0x7f]);
  });

  it("hands its bytes over and goes on in a fresh buffer", () => {
    const out = new ByteWriter(4);
    out.text("ab");
    const first = out.take();
    out.text("cd");
    expect(first.toString()).toBe("ab");
    expect(out.take().toString()).toBe("cd");
  });

  it("moves another writer's bytes to its end, and copies what it keeps", () => {
    const out = new ByteWriter(4);
    const side = new ByteWriter(4);
    out.text("{");
    side.text("揽收率 85%");
    out.moveFrom(side);
    out.moveFrom(side);
    out.bytes(utf8("}"));
    expect(side.length).toBe(0);
    const kept = out.takeCopy();
    out.text("x");
    expect(Buffer.from(kept).toString()).toBe("{揽收率 85%}");
    expect(out.takeText()).toBe("x");
  });
});
