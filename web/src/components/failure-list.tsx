/** Every reason a registration failed, in the reader's language, with the rule code for support. */
import { useI18n } from "../i18n/index.js";
import type { Failure } from "../lib/types.js";

export function FailureList({ failures }: { failures: Failure[] }) {
  const { pick } = useI18n();
  if (failures.length === 0) return null;
  return (
    <ul className="failures">
      {failures.map((f) => (
        <li key={f.rule} data-rule={f.rule}>
          {pick(f.message)} <code className="muted small">{f.rule}</code>
        </li>
      ))}
    </ul>
  );
}
