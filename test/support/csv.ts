/** Reading CSV back in tests. */

/** A strict RFC 4180 reader, for checking what a spreadsheet would read back. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i += 1;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i += 1;
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else {
      if (c === '"' || c === "\n" || c === "\r")
        throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
      field += c;
      i += 1;
    }
  }
  if (field !== "" || record.length > 0) throw new Error("last record not terminated");
  return records;
}

/** A CSV file (BOM, header line) as objects keyed by the header. */
export function csvObjects(text: string): Record<string, string>[] {
  if (!text.startsWith("\uFEFF")) throw new Error("no byte order mark");
  const [header, ...rows] = parseCsv(text.slice(1));
  if (!header) throw new Error("no header line");
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}
