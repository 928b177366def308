// Finding polling stations by part of their code or name: the one rule of every station search
// (the reports filter's suggestions, the incident inbox, the stations still to report).
import { type AnyColumn, type SQL, sql } from "drizzle-orm";

// Case is folded by an explicit table, not lower(): lower() follows the database's collation,
// and a PostgreSQL initialised with the C locale (a common container default) folds ASCII only,
// so "школа" would not find "Школа № 5" there. The
// table holds every capital letter of the Latin, Greek, Cyrillic, Armenian and Georgian blocks
// whose small letter is one character; the text searched for is folded by the same table.
const RANGES: readonly [number, number][] = [
  [0x41, 0x5a],
  [0xc0, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x52f],
  [0x531, 0x556],
  [0x10a0, 0x10cd],
  [0x1e00, 0x1fff],
];
const CAPITALS: string[] = [];
const SMALL: string[] = [];
for (const [from, to] of RANGES)
  for (let c = from; c <= to; c++) {
    const capital = String.fromCharCode(c);
    const small = capital.toLowerCase();
    if (small !== capital && small.length === 1) {
      CAPITALS.push(capital);
      SMALL.push(small);
    }
  }
const FOLD = new Map(CAPITALS.map((capital, i) => [capital, SMALL[i] ?? capital]));
const FROM = CAPITALS.join("");
const TO = SMALL.join("");

/** The text as the database folds it. */
function fold(text: string): string {
  return Array.from(text, (character) => FOLD.get(character) ?? character).join("");
}

const folded = (column: AnyColumn | SQL) => sql`translate(${column}, ${FROM}, ${TO})`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** A station whose code or name contains the text, whatever its case. */
export function stationMatches(code: AnyColumn | SQL, name: AnyColumn | SQL, text: string): SQL {
  const pattern = `%${escapeLike(fold(text.trim()))}%`;
  return sql`(${folded(code)} like ${pattern} or ${folded(name)} like ${pattern})`;
}

/**
 * The order of a search's matches: the exact code first, then codes that start with the text,
 * then the shortest codes ("12" finds 12 before 120 before 312).
 */
export function stationSearchOrder(code: AnyColumn | SQL, text: string): SQL[] {
  const wanted = fold(text.trim());
  return [
    sql`${folded(code)} <> ${wanted}`,
    sql`${folded(code)} not like ${`${escapeLike(wanted)}%`}`,
    sql`length(${code})`,
  ];
}
