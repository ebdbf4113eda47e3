import { useI18n } from "../i18n/index.js";

/** 中文 / English; the choice is remembered in localStorage by the i18n provider. */
export function LangSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <div className="lang-switch">
      <button
        type="button"
        className={lang === "zh-CN" ? "active" : ""}
        aria-pressed={lang === "zh-CN"}
        onClick={() => setLang("zh-CN")}
      >
        中文
      </button>
      <button
        type="button"
        className={lang === "en" ? "active" : ""}
        aria-pressed={lang === "en"}
        onClick={() => setLang("en")}
      >
        English
      </button>
    </div>
  );
}
