/**
 * Chinese first: zh-CN is the default and the reference dictionary; English is a switch, kept in
 * localStorage. `en` is typed as `Record<MessageKey, string>`, so a key missing from English is a
 * compile error, and `dictionaries.test.ts` checks both ways plus the placeholders.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import { recall, remember } from "../lib/remembered.js";
import { en } from "./en.js";
import { type MessageKey, zhCN } from "./zh-CN.js";

export type Lang = "zh-CN" | "en";
export type { MessageKey };
export type Vars = Record<string, string | number>;

const STORAGE_KEY = "gala.lang";
export const dictionaries: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const template = dictionaries[lang][key] ?? zhCN[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Server texts come as {zh, en}: pick the one for the current language. */
export interface Bilingual {
  zh: string;
  en: string;
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  pick: (text: Bilingual | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  return recall(STORAGE_KEY) === "en" ? "en" : "zh-CN";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    remember(STORAGE_KEY, next);
  }, []);
  // The page's language follows the choice, the remembered one included (screen readers, fonts).
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (text) => (text ? (lang === "en" ? text.en : text.zh) : ""),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

/** Why a merchant left, in words: the engine's reasons are codes; anything else is shown as is. */
export function exitReasonText(t: I18n["t"], reason: string | null): string {
  if (reason === "exception_report" || reason === "violations" || reason === "withdrew") {
    return t(`exit.reason.${reason}`);
  }
  return reason ?? "";
}
