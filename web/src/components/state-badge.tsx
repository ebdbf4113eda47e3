/** A registration's state as a coloured badge. */
import { type MessageKey, useI18n } from "../i18n/index.js";
import { Badge, type Tone } from "./badge.js";

const TONES: Record<string, Tone> = {
  pending_review: "warn",
  approved: "ok",
  rejected: "bad",
  rejected_at_review: "bad",
  ineligible: "bad",
  withdrawn: "muted",
  replaced: "muted",
};

export function StateBadge({ state }: { state: string }) {
  const { t } = useI18n();
  const key = `state.${state}` as MessageKey;
  const text = t(key);
  return <Badge tone={TONES[state] ?? "info"}>{text === key ? state : text}</Badge>;
}
