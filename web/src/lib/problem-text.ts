/**
 * A campaign file's problems (the loader's words are English) in the page's language. Every
 * message and fix the loader writes has its Chinese form here, by pattern; anything else stays
 * as the loader wrote it and is marked English (`lang="en"`), so a screen reader says it right.
 */
type Rule = [RegExp, (m: RegExpExecArray) => string];

const TYPES: Record<string, string> = {
  number: "数字",
  string: "文本",
  boolean: "true 或 false",
  array: "列表",
  object: "对象",
  undefined: "缺失",
  null: "空值",
};
const type = (name: string | undefined) => (name && TYPES[name]) ?? name ?? "";

const MESSAGES: Rule[] = [
  [/^Invalid option: expected one of (.+)$/, (m) => `取值无效：应为 ${m[1]} 之一`],
  [
    /^Invalid input: expected (\w+), received (\w+)$/,
    (m) =>
      m[2] === "undefined"
        ? `缺少字段（应为${type(m[1])}）`
        : `类型不对：应为${type(m[1])}，实际为${type(m[2])}`,
  ],
  [/^Unrecognized keys?: (.+)$/, (m) => `无法识别的键：${m[1]}`],
  [/^unknown time zone "(.+)"$/, (m) => `未知时区「${m[1]}」`],
  [
    /^"(.+)" does not happen in (.+): the clocks skip it \(daylight saving\)$/,
    (m) => `「${m[1]}」在 ${m[2]} 不存在：夏令时跳过了这一时刻`,
  ],
  [/^"(.+)" is not a real time$/, (m) => `「${m[1]}」不是有效的时间`],
  [/^the window ends before it starts$/, () => "时间窗口的结束早于开始"],
  [/^category "(.+)" is listed twice$/, (m) => `类目「${m[1]}」重复列出`],
  [/^rule code "(.+)" is used twice$/, (m) => `规则代码「${m[1]}」重复使用`],
  [/^rule (\S+) has subject (\S+)$/, (m) => `规则 ${m[1]} 的对象是 ${m[2]}`],
  [
    /^a rule needs exactly one of `check` or `checks`$/,
    () => "规则需要且只能有 check 或 checks 之一",
  ],
  [/^minFen (\S+) is above maxFen (\S+)$/, (m) => `minFen ${m[1]} 大于 maxFen ${m[2]}`],
  [
    /^a check needs exactly one of `value` or `valueFrom`$/,
    () => "检查项需要且只能有 value 或 valueFrom 之一",
  ],
  [/^operator (\w+) needs a number, got (.+)$/, (m) => `运算符 ${m[1]} 需要数字，实际为 ${m[2]}`],
  [/^operator (\w+) needs a list, got (.+)$/, (m) => `运算符 ${m[1]} 需要列表，实际为 ${m[2]}`],
  [
    /^operator is needs true or false, got (.+)$/,
    (m) => `运算符 is 需要 true 或 false，实际为 ${m[1]}`,
  ],
  [/^operator eq needs a single value$/, () => "运算符 eq 需要单个值"],
  [/^operator atLeast needs an `order`$/, () => "运算符 atLeast 需要 order（等级顺序）"],
  [/^(.+) is not one of the levels in order$/, (m) => `${m[1]} 不在 order 列出的等级中`],
  [
    /^the file is campaign "(.+)", not "(.+)", the one being edited$/,
    (m) => `该文件是活动「${m[1]}」，不是正在编辑的「${m[2]}」`,
  ],
  [/^Too small: (.+)$/, (m) => `数值过小：${m[1]}`],
  [/^Too big: (.+)$/, (m) => `数值过大：${m[1]}`],
];

const FIXES: Rule[] = [
  [/^use one of: (.+)$/, (m) => `改为以下之一：${m[1]}`],
  [/^use one of (.+)$/, (m) => `改为以下之一：${m[1]}`],
  [/^add the missing field \((\w+)\)$/, (m) => `补上缺少的字段（${type(m[1])}）`],
  [/^change the value to a (\w+)$/, (m) => `把值改为${type(m[1])}`],
  [/^remove (.+) or correct the spelling of the key$/, (m) => `删除 ${m[1]}，或更正键名的拼写`],
  [/^give at least (\S+)( entries)?$/, (m) => `至少为 ${m[1]}${m[2] ? " 项" : ""}`],
  [/^give at most (\S+)$/, (m) => `至多为 ${m[1]}`],
  [
    /^match the format shown in the reference campaign \((.+)\)$/,
    (m) => `按参考活动文件（${m[1]}）中的格式填写`,
  ],
  [/^compare with the reference campaign \((.+)\)$/, (m) => `对照参考活动文件（${m[1]}）`],
  [/^use an IANA zone such as (.+)$/, (m) => `使用 IANA 时区名，例如 ${m[1]}`],
  [
    /^give a time outside the skipped hour, e\.g\. one hour later or a second before it$/,
    () => "改用跳过时段之外的时间，例如晚一小时或早一秒",
  ],
  [/^give a real date and time, e\.g\. (.+)$/, (m) => `填写真实的日期时间，例如 ${m[1]}`],
  [/^swap start and end, or correct one of them$/, () => "交换开始与结束，或更正其中之一"],
  [/^remove the duplicate entry$/, () => "删除重复的一项"],
  [/^give every rule its own code$/, () => "为每条规则使用不同的代码"],
  [
    /^make the code start with "(.+)" or change the subject$/,
    (m) => `让代码以「${m[1]}」开头，或更改对象`,
  ],
  [
    /^use `check:` for one condition, `checks:` for a list$/,
    () => "一个条件用 check:，多个条件用 checks: 列表",
  ],
  [/^make minFen ≤ maxFen$/, () => "让 minFen ≤ maxFen"],
  [
    /^keep id: (\S+) to edit this campaign \(a file with another id is another campaign\)$/,
    (m) => `保留 id: ${m[1]} 才是编辑本活动（id 不同的文件是另一个活动）`,
  ],
  [
    /^give a threshold in `value`, or `valueFrom: categories`$/,
    () => "在 value 中给出阈值，或写 valueFrom: categories",
  ],
  [/^give a number, e\.g\. (.+)$/, (m) => `填写数字，例如 ${m[1]}`],
  [/^give a list, e\.g\. (.+)$/, (m) => `填写列表，例如 ${m[1]}`],
  [/^write value: true or value: false$/, () => "写成 value: true 或 value: false"],
  [/^use op: in for a list$/, () => "列表请用 op: in"],
  [/^list the levels lowest first, e\.g\. (.+)$/, (m) => `从低到高列出等级，例如 ${m[1]}`],
  [
    /^correct the YAML syntax at that line \(indentation, quotes, a colon after each key\)$/,
    () => "更正该行的 YAML 语法（缩进、引号、每个键后的冒号）",
  ],
  [
    /^write the values out instead of repeating aliases \(\*name\) of aliases; a campaign file needs few, if any$/,
    () => "直接写出取值，不要层层引用别名（*name）；活动文件几乎用不到别名",
  ],
];

export interface Worded {
  text: string;
  /** The language the text is in (a message without a Chinese form stays English). */
  lang: "zh-CN" | "en";
}

function translate(rules: Rule[], text: string, lang: "zh-CN" | "en"): Worded {
  if (lang === "en") return { text, lang };
  for (const [pattern, render] of rules) {
    const m = pattern.exec(text);
    if (m) return { text: render(m), lang: "zh-CN" };
  }
  return { text, lang: "en" };
}

export const problemMessage = (text: string, lang: "zh-CN" | "en") =>
  translate(MESSAGES, text, lang);
export const problemFix = (text: string, lang: "zh-CN" | "en") => translate(FIXES, text, lang);
