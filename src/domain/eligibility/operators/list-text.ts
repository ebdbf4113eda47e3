/**
 * A list inside a `required` string. Long lists (the ~45 campaign categories) are cut so that a
 * failure stays readable; the failure then also carries the whole list as `requiredValue`.
 */
export const LIST_TEXT_LIMIT = 12;

export function isLongList(list: readonly unknown[]): boolean {
  return list.length > LIST_TEXT_LIMIT;
}

export function listText(list: readonly unknown[]): string {
  if (!isLongList(list)) return `[${list.map(String).join(", ")}]`;
  const shown = list.slice(0, 5).map(String).join(", ");
  return `[${shown}, … ${list.length - 5} more]`;
}
