// Names of area levels and station attributes in the page's language. The keys are an election's
// own (its station import names them); the ones the product itself suggests (the station import's
// region, constituency and settlement, and the levels common in elections' own hierarchies) have
// catalogue names, the others are shown as the election wrote them.
import type { Translate } from "../i18n/format.ts";

const LEVELS = new Set([
  "country",
  "region",
  "constituency",
  "district",
  "municipality",
  "settlement",
  "commission",
  "province",
  "state",
  "county",
  "department",
  "ward",
  "city",
  "village",
]);
const ATTRIBUTES = new Set(["settlement"]);

/** One area of a level: "Region", "District". */
export function levelName(level: string, t: Translate): string {
  return LEVELS.has(level) ? t(`variable.level.${level}` as "variable.level.region") : level;
}

/** A station attribute: "Type of settlement (urban or rural)". */
export function attributeName(key: string, t: Translate): string {
  return ATTRIBUTES.has(key) ? t(`variable.attribute.${key}` as "variable.attribute.settlement") : key;
}
