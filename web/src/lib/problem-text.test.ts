import { describe, expect, it } from "vitest";
import { problemFix, problemMessage } from "./problem-text.js";

describe("campaign problems in the page's language", () => {
  it("words the loader's messages and fixes in Chinese", () => {
    expect(problemMessage('Invalid option: expected one of "gte"|"gt"', "zh-CN")).toEqual({
      text: '取值无效：应为 "gte"|"gt" 之一',
      lang: "zh-CN",
    });
    expect(problemMessage("Invalid input: expected number, received undefined", "zh-CN").text).toBe(
      "缺少字段（应为数字）",
    );
    expect(problemMessage('Unrecognized key: "slaHourz"', "zh-CN").text).toBe(
      '无法识别的键："slaHourz"',
    );
    expect(problemMessage('operator gte needs a number, got "x"', "zh-CN").text).toBe(
      '运算符 gte 需要数字，实际为 "x"',
    );
    expect(problemFix("remove slaHourz or correct the spelling of the key", "zh-CN").text).toBe(
      "删除 slaHourz，或更正键名的拼写",
    );
    expect(problemFix("add the missing field (number)", "zh-CN").text).toBe(
      "补上缺少的字段（数字）",
    );
    expect(
      problemMessage('the file is campaign "b", not "a", the one being edited', "zh-CN").text,
    ).toBe("该文件是活动「b」，不是正在编辑的「a」");
    expect(
      problemFix(
        "keep id: a to edit this campaign (a file with another id is another campaign)",
        "zh-CN",
      ).text,
    ).toBe("保留 id: a 才是编辑本活动（id 不同的文件是另一个活动）");
  });

  it("keeps English in English, and marks an unknown message as English", () => {
    expect(problemMessage("anything", "en")).toEqual({ text: "anything", lang: "en" });
    expect(problemMessage("Flow sequence must end with a ]", "zh-CN")).toEqual({
      text: "Flow sequence must end with a ]",
      lang: "en",
    });
  });
});
