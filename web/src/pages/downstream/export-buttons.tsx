/**
 * One download link per CSV export the server offers (`GET …/exports`): the whole campaign for
 * operators, the merchant's own data for a merchant. Plain links: the browser streams the file
 * with the session cookie, however large it is.
 */
import { useState } from "react";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { useResource } from "../../lib/use-resource.js";
import type { ExportList } from "./types.js";
import { useWords } from "./words.js";

export function ExportButtons({ listPath, title }: { listPath: string; title: string }) {
  const w = useWords();
  const { pick, lang } = useI18n();
  const [zhHeaders, setZhHeaders] = useState(lang === "zh-CN");
  const list = useResource(() => api.get<ExportList>(listPath), [listPath]);
  return (
    <section className="card" data-testid="exports">
      <div className="card-head">
        <h2>{title}</h2>
        <label className="small">
          <input
            type="checkbox"
            checked={zhHeaders}
            onChange={(e) => setZhHeaders(e.target.checked)}
          />{" "}
          {w("exports.zhHeaders")}
        </label>
      </div>
      <p className="muted small">{w("exports.intro")}</p>
      <div className="export-buttons">
        {(list.data?.items ?? []).map((e) => (
          <a
            key={e.name}
            className="btn btn-small"
            data-testid={`export-${e.name}`}
            href={`${e.path}?lang=${zhHeaders ? "zh" : "en"}`}
            download
          >
            ⤓ {pick(e.label)}
          </a>
        ))}
      </div>
    </section>
  );
}
