/**
 * A fact field (./fields.ts) as a predicate, built once, and as words for messages. The
 * predicate runs on every evaluation of a rule, so it is a few `typeof`s and comparisons; the
 * zod schema built from the same field (./zod.ts) is held to it by a property test.
 */
import type { Bilingual } from "../campaign/model.js";
import { type FactField, type FactType, REGION_MAX_CHARS } from "./fields.js";

export type FactPredicate = (value: unknown) => boolean;

/**
 * True when `value` is a valid value of the field. `null` is valid only where it means
 * something (`nullMeans`); elsewhere it is "unknown", which the caller handles before asking.
 */
export function factPredicate(field: FactField): FactPredicate {
  const tests = field.types.map(typePredicate);
  const nullOk = field.nullMeans !== undefined;
  if (tests.length === 1) {
    const only = tests[0]!;
    return nullOk ? (v) => v === null || only(v) : only;
  }
  return (v) => {
    if (v === null) return nullOk;
    for (const test of tests) if (test(v)) return true;
    return false;
  };
}

function typePredicate(type: FactType): FactPredicate {
  switch (type.kind) {
    case "number": {
      const min = type.min ?? Number.NEGATIVE_INFINITY;
      const max = type.max ?? Number.POSITIVE_INFINITY;
      return type.integer
        ? (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max
        : (v) => typeof v === "number" && Number.isFinite(v) && v >= min && v <= max;
    }
    case "boolean":
      return (v) => typeof v === "boolean";
    case "enum": {
      const values = new Set<unknown>(type.values);
      return (v) => values.has(v);
    }
    case "text": {
      const max = type.maxLength;
      return (v) => typeof v === "string" && v.length <= max;
    }
    case "regions": {
      const max = type.maxItems;
      return (v) => {
        if (!Array.isArray(v) || v.length > max) return false;
        for (const region of v) {
          if (typeof region !== "string" || region.length === 0) return false;
          if (region.length > REGION_MAX_CHARS) return false;
        }
        return true;
      };
    }
  }
}

/** What a valid value is, in words: "a number from 0 to 1", "true or false". */
export function expectation(field: FactField): Bilingual {
  if (field.expects) return field.expects;
  const words = field.types.map(typeWords);
  const nullWords = field.nullMeans
    ? [{ zh: `null（${field.nullMeans.zh}）`, en: `null (${field.nullMeans.en})` }]
    : [];
  const all = [...words, ...nullWords];
  return {
    zh: all.map((w) => w.zh).join("，或"),
    en: all.map((w) => w.en).join(", or "),
  };
}

function typeWords(type: FactType): Bilingual {
  switch (type.kind) {
    case "number": {
      const { min, max, integer } = type;
      const noun = integer ? { zh: "整数", en: "a whole number" } : { zh: "数", en: "a number" };
      if (min !== undefined && max !== undefined)
        return { zh: `${min} 到 ${max} 之间的${noun.zh}`, en: `${noun.en} from ${min} to ${max}` };
      if (min !== undefined) return { zh: `不小于 ${min} 的${noun.zh}`, en: `${noun.en} ≥ ${min}` };
      if (max !== undefined) return { zh: `不大于 ${max} 的${noun.zh}`, en: `${noun.en} ≤ ${max}` };
      return { zh: integer ? "整数" : "数字", en: noun.en };
    }
    case "boolean":
      return { zh: "true 或 false", en: "true or false" };
    case "enum": {
      const list = type.values.map(String);
      return {
        zh: `${list.join("、")} 之一`,
        en: `one of ${list.join(", ")}`,
      };
    }
    case "text":
      return {
        zh: `不超过 ${type.maxLength} 个字符的文本`,
        en: `text of at most ${type.maxLength} characters`,
      };
    case "regions":
      return {
        zh: `地区代码列表（ISO 3166-2，如 CN-ZJ；最多 ${type.maxItems} 个）`,
        en: `a list of region codes (ISO 3166-2, e.g. CN-ZJ; at most ${type.maxItems})`,
      };
  }
}
