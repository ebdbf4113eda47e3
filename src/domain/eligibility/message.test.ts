import { describe, expect, it } from "vitest";
import { ByteWriter } from "./byte-writer.js";
import { compileMessage, jsonStringBody, splitTemplate } from "./message.js";

const written = (render: ReturnType<typeof compileMessage>, actual: unknown, req?: unknown) => {
  const out = new ByteWriter(8);
  render.write(out, actual, req);
  return out.takeText();
};

describe("compiled messages", () => {
  it("fill every {actual} and {required}, keeping the text after the last slot", () => {
    const render = compileMessage(
      { zh: "{actual}，{actual}，需 {required}。", en: "[{required}] {actual} / {actual}!" },
      0.85,
      "percent",
    );
    const message = { zh: "84%，84%，需 85%。", en: "[85%] 84% / 84%!" };
    expect(render(0.84)).toEqual(message);
    expect(written(render, 0.84)).toBe(JSON.stringify(message));
  });

  it("share one frozen object when no slot is left", () => {
    const render = compileMessage({ zh: "需 {required}", en: "needs {required}" }, 2, "plain");
    expect(render(1)).toBe(render(7));
    expect(render(1)).toEqual({ zh: "需 2", en: "needs 2" });
    expect(Object.isFrozen(render(1))).toBe(true);
    expect(written(render, 1)).toBe('{"zh":"需 2","en":"needs 2"}');
  });

  it("fill {required} per failure when it is another fact's value, in either order", () => {
    const render = compileMessage(
      { zh: "{required} 之上：{actual}。", en: "{actual} is above {required}." },
      undefined,
      "yuan",
      { dynamicRequired: true },
    );
    const message = { zh: "¥1.00 之上：¥1.50。", en: "¥1.50 is above ¥1.00." };
    expect(render(150, 100)).toEqual(message);
    expect(written(render, 150, 100)).toBe(JSON.stringify(message));
  });

  it("read null as what it means where it means something, and escape what JSON escapes", () => {
    const render = compileMessage(
      { zh: "保障：{actual}", en: 'guarantee "{actual}"\n' },
      [24, 48],
      "hours",
      {
        nullMeans: { zh: "未报名", en: "not enrolled" },
      },
    );
    expect(render(null)).toEqual({ zh: "保障：未报名", en: 'guarantee "not enrolled"\n' });
    expect(render(72)).toEqual({ zh: "保障：72小时", en: 'guarantee "72 h"\n' });
    expect(written(render, 'x"\\')).toBe(JSON.stringify(render('x"\\')));
    const noNull = compileMessage({ zh: "{actual}", en: "{actual}" }, 1, "plain");
    expect(noNull(null)).toEqual({ zh: "未提供", en: "not provided" });
  });

  it("render each language on its own: one may be fixed while the other shows the value", () => {
    for (const template of [
      { zh: "固定的文字", en: "value {actual}" },
      { zh: "值 {actual}", en: "fixed text" },
    ]) {
      const render = compileMessage(template, 1, "plain");
      const message = {
        zh: template.zh.replace("{actual}", "5"),
        en: template.en.replace("{actual}", "5"),
      };
      expect(render(5)).toEqual(message);
      expect(written(render, 5)).toBe(JSON.stringify(message));
    }
  });
});

describe("template pieces", () => {
  it("split into the text around the slots and the slots in order", () => {
    expect(splitTemplate("a{actual}b{required}c{actual}")).toEqual({
      pieces: ["a", "b", "c", ""],
      slots: ["actual", "required", "actual"],
    });
    expect(splitTemplate("no slot")).toEqual({ pieces: ["no slot"], slots: [] });
  });

  it("are escaped as JSON.stringify escapes them", () => {
    for (const text of [
      'say "hi"',
      "back\\slash",
      "tab\t",
      "\u0000",
      "\u001f",
      "\ud800",
      "😀",
      "中文",
      "\u2028",
      "plain",
    ]) {
      expect(`"${jsonStringBody(text)}"`).toBe(JSON.stringify(text));
    }
    expect(jsonStringBody("中文 ok")).toBe("中文 ok");
  });
});
