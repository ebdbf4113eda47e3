import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../test/support/csv.js";
import { BOM, csvField, csvRecord, neutralised } from "./csv.js";

describe("csv", () => {
  it("quotes commas, quotes and line breaks, and nothing else", () => {
    expect(csvRecord(["a", "b,c", 'say "hi"', "two\nlines", "cr\r", "中文"])).toBe(
      'a,"b,c","say ""hi""","two\nlines","cr\r",中文\r\n',
    );
  });

  it("neutralises text that would start a formula, not numbers", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-50% off")).toBe("'-50% off");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField(-500)).toBe("-500");
    expect(csvField("a=b")).toBe("a=b");
  });

  it("writes empty fields for null, undefined and non-finite numbers", () => {
    expect(csvRecord([null, undefined, Number.NaN, true, false, 0])).toBe(",,,true,false,0\r\n");
  });

  it("reads back as written, for any text (neutralised)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.string(), fc.string({ unit: "grapheme" })), {
            minLength: 1,
            maxLength: 6,
          }),
          {
            maxLength: 8,
          },
        ),
        (rows) => {
          const text = rows.map((r) => csvRecord(r)).join("");
          const back = parseCsv(text);
          expect(back).toEqual(rows.map((r) => r.map(neutralised)));
          for (const r of back) for (const f of r) expect(/^[=+\-@\t\r]/.test(f)).toBe(false);
        },
      ),
    );
  });

  it("starts files with a UTF-8 byte order mark", () => {
    expect(Buffer.from(BOM, "utf8")).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
