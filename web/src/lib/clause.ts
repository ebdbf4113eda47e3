/**
 * A clause of the campaign announcement ("七.10", "六.1, 八.4") as the page's language writes
 * it: Chinese keeps the announcement's numbering; English reads "§7.10", "§6.1, §8.4".
 */
const DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 九十九 as a number; `undefined` for anything else. */
export function chineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!m || text === "") return undefined;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? DIGITS[tens] : undefined;
  return (tens ? DIGITS[tens]! : 1) * 10 + (ones ? DIGITS[ones]! : 0);
}

export function clauseText(clause: string, lang: "zh-CN" | "en"): string {
  if (lang !== "en") return clause;
  return clause
    .split(/\s*[,，、]\s*/)
    .map((part) => {
      const [head = "", ...rest] = part.split(".");
      const n = chineseNumber(head);
      return n === undefined ? part : `§${[n, ...rest].join(".")}`;
    })
    .join(", ");
}
