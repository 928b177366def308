// A small RFC 4180 CSV reader: quoted fields (with doubled quotes and embedded newlines), a UTF-8
// byte-order mark, CRLF or LF line ends, and comma/semicolon/tab/pipe delimiters detected from the
// header (Mexico's INE publishes its per-casilla files with "|").
// Official results files come from spreadsheets saved in many locales, hence the detection.

export type CsvDelimiter = "," | ";" | "\t" | "|";

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Picks the delimiter that occurs most often outside quotes on the first line (ties: comma). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ",": 0, ";": 0, "\t": 0, "|": 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === LF || c === CR)) break;
    else if (!inQuotes) {
      const ch = text[i];
      if (ch === "," || ch === ";" || ch === "\t" || ch === "|") counts[ch]++;
    }
  }
  let best: CsvDelimiter = ",";
  for (const d of [";", "\t", "|"] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/** Removes a leading byte-order mark, which spreadsheet exports often add. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Calls `onRecord` for each record with its fields and the 1-based physical line it starts on.
 * Blank lines are skipped. Returns the number of records. An unterminated quote is reported
 * through `onUnterminatedQuote` (the remaining text is then taken as the last field).
 */
export function forEachCsvRecord(
  input: string,
  onRecord: (fields: string[], line: number) => void,
  options: { delimiter?: CsvDelimiter; onUnterminatedQuote?: (line: number) => void } = {},
): number {
  const text = stripBom(input);
  const delim = (options.delimiter ?? detectDelimiter(text)).charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  let records = 0;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    // One record: read fields until an unquoted line end or end of text.
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let parts = "";
        let closed = false;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === QUOTE) {
            if (text.charCodeAt(j + 1) === QUOTE) {
              parts += text.slice(i + 1, j + 1);
              i = j + 1;
              j += 2;
              continue;
            }
            closed = true;
            break;
          }
          if (c === LF) line++;
          j++;
        }
        if (!closed) options.onUnterminatedQuote?.(startLine);
        value = parts + text.slice(i + 1, j);
        i = closed ? j + 1 : n;
        // Tolerate stray characters between the closing quote and the delimiter.
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          value += text[i];
          i++;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      break;
    }
    // Consume the line end (CRLF, LF or lone CR).
    if (i < n && text.charCodeAt(i) === CR) i++;
    if (i < n && text.charCodeAt(i) === LF) i++;
    line++;
    if (fields.length === 1 && fields[0] === "") continue;
    onRecord(fields, startLine);
    records++;
  }
  return records;
}

/** Parses a whole CSV text into records (convenience for small inputs and tests). */
export function parseCsv(text: string, delimiter?: CsvDelimiter): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  forEachCsvRecord(text, (fields, line) => out.push({ fields, line }), delimiter ? { delimiter } : {});
  return out;
}
