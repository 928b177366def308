/**
 * Checks a browser test runs on any rendered page: axe-core's serious and critical violations,
 * chart and map labels whose boxes overlap, and message-catalogue strings left in English on a
 * page shown in another language.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { en, ru } from "../../apps/web/src/i18n/catalogue.ts";
import { dictionaries as observerWords } from "../../apps/web/src/observer/i18n.ts";
import { dictionaries as portalWords } from "../../apps/web/src/portal/i18n.ts";
import { catalogueLeaves } from "../../test-support/catalogue.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Makes axe-core available in every page of the context. An init script comes through the
 * DevTools protocol, which the pages' CSP does not govern (a script tag would be refused by it).
 */
export async function injectAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: axeSource });
}

/** axe-core's serious and critical violations on the page: the rule and the first nodes it names. */
export async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeLike }).axe;
    // An image's parts (a chart's marks, a map's areas) are not in the accessibility tree; the
    // image itself, with its name, is checked. Leaving them out keeps axe fast on big charts.
    const result = await axe.run(
      { include: [document], exclude: ['[role="img"] > *'] },
      { resultTypes: ["violations"] },
    );
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `axe ${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(" "))
            .join(" | ")}`,
      );
  });
}

interface AxeLike {
  run(
    context: { include: Document[]; exclude: string[] },
    options: { resultTypes: string[] },
  ): Promise<{
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  }>;
}

/**
 * Pairs of text labels in one drawing (an svg: chart, map) whose boxes, as the browser lays them
 * out, overlap by more than a pixel each way. The lines of one map label (a group with
 * `data-label`) count as one box.
 */
export async function overlappingLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const svg of document.querySelectorAll("svg")) {
      if (svg.closest("[hidden], dialog:not([open])") || svg.getBoundingClientRect().width === 0) continue;
      const boxes: { text: string; left: number; top: number; right: number; bottom: number }[] = [];
      const seen = new Set<Element>();
      for (const text of svg.querySelectorAll("text")) {
        const group = text.closest("g[data-label]") ?? text;
        if (seen.has(group) || (group.textContent ?? "").trim() === "") continue;
        seen.add(group);
        const parts = group === text ? [text] : [...group.querySelectorAll("text")];
        const rects = parts.map((part) => part.getBoundingClientRect()).filter((r) => r.width > 0);
        if (rects.length === 0) continue;
        boxes.push({
          text: (group.textContent ?? "").trim().slice(0, 40),
          left: Math.min(...rects.map((r) => r.left)),
          top: Math.min(...rects.map((r) => r.top)),
          right: Math.max(...rects.map((r) => r.right)),
          bottom: Math.max(...rects.map((r) => r.bottom)),
        });
      }
      const name = svg.closest("[data-figure], [data-testid], figure, section")?.getAttribute("data-figure");
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          if (
            a !== undefined &&
            b !== undefined &&
            Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
            Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
          )
            found.push(
              `labels overlap in ${name ?? svg.getAttribute("class") ?? "svg"}: "${a.text}" / "${b.text}"`,
            );
        }
    }
    return found;
  });
}

/**
 * The English texts of the catalogues (the web app's, the portal's and the observer app's) that
 * Russian says differently, as patterns for a whole text on the page ({{placeholders}} and
 * {placeholders} match anything). Texts the same in both languages (the product's name, "CSV")
 * are the same by design and not looked for, nor texts without a word of three letters.
 */
export function englishCatalogue(): string[] {
  const pairs: [string, string | undefined][] = [];
  const russian = catalogueLeaves(ru);
  for (const [key, text] of catalogueLeaves(en)) pairs.push([text, russian.get(key)]);
  for (const [key, text] of Object.entries(portalWords.en))
    pairs.push([text, (portalWords.ru as Record<string, string>)[key]]);
  for (const [key, text] of Object.entries(observerWords.en))
    pairs.push([text, (observerWords.ru as Record<string, string>)[key]]);
  const placeholder = /\{\{\s*\w+\s*\}\}|\{\w+\}/g;
  const patterns = new Set<string>();
  for (const [english, other] of pairs) {
    if (other === english) continue;
    const fixed = english.split(placeholder);
    if (!fixed.some((part) => /[A-Za-z]{3,}/.test(part))) continue;
    const literal = (part: string) => part.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    patterns.add(`^${fixed.map(literal).join(".+?")}$`);
  }
  return [...patterns];
}

/**
 * The texts a reader meets on the page: visible text nodes (and visually hidden ones, which
 * screen readers read) and accessible names in attributes. Text marked as being in English
 * (`lang="en"`: a field-language name without a Russian version) is left out, and so is text
 * inside the elements `skip` selects.
 */
async function readerTexts(page: Page, skip = "script, style"): Promise<string[]> {
  return page.evaluate((skip) => {
    const texts = new Set<string>();
    // Marked inside the page, not by the document's own language (<html lang>).
    const inEnglish = (element: Element | null) =>
      element?.closest("body [lang]")?.getAttribute("lang") === "en";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent ?? "").trim();
      if (text === "" || parent === null || inEnglish(parent)) continue;
      if (parent.closest(skip)) continue;
      if (!parent.checkVisibility() && parent.closest(".visually-hidden, .fr-visually-hidden") === null)
        continue;
      texts.add(text);
    }
    for (const element of document.querySelectorAll("[aria-label], [placeholder], [title], [alt]")) {
      if (inEnglish(element)) continue;
      for (const attribute of ["aria-label", "placeholder", "title", "alt"]) {
        const value = element.getAttribute(attribute)?.trim();
        if (value) texts.add(value);
      }
    }
    return [...texts];
  }, skip);
}

/**
 * Texts on the page that are a catalogue's English text: on a page in another language, an
 * untranslated string (commands and identifiers in `code` included: a catalogue string there is
 * still one).
 */
export async function englishLeftOver(page: Page, catalogue: readonly string[]): Promise<string[]> {
  const patterns = catalogue.map((source) => new RegExp(source));
  const found: string[] = [];
  for (const text of await readerTexts(page))
    if (/[A-Za-z]{3,}/.test(text) && patterns.some((pattern) => pattern.test(text)))
      found.push(`English on a Russian page: "${text.slice(0, 80)}"`);
  return found;
}

/**
 * Words that are not English a reader should have had translated, although written in Latin
 * letters. Kept small on purpose; each entry says why it is here. Codes and acronyms need no
 * entry: a word in capitals (CSV, XLSX, PVT, JSON, a team or station code) is never counted.
 */
export const LATIN_WORDS_ALLOWED: ReadonlySet<string> = new Set([
  // The product's name (app.name is the same in every language).
  "scrutiny",
  // Authors cited by the forensics methods (Klimek, Yegorov, Hanel & Thurner 2012; Mebane 2006;
  // Beber & Scacco 2012): names stay in the script they publish in.
  "klimek",
  "yegorov",
  "hanel",
  "thurner",
  "mebane",
  "beber",
  "scacco",
  // The sweep election's contestants (Ilina Petrovska, Goran Stojanovski, Vesna Trajkovska): data
  // entered in Latin letters only, shown as entered.
  "ilina",
  "petrovska",
  "goran",
  "stojanovski",
  "vesna",
  "trajkovska",
  // The ODK tools a form is exported for ("ODK Collect", "Enketo"): product names.
  "collect",
  "enketo",
]);

/**
 * The first run of three or more consecutive English words in a text, or null. A word is letters
 * a-z only (with an inner apostrophe or hyphen, and punctuation after it); words in capitals,
 * allowed words, URLs, e-mail addresses, file and user names (anything with a dot, slash, @,
 * digit or underscore) break a run, as does any other text between words.
 */
export function englishRun(text: string, allowed: ReadonlySet<string> = LATIN_WORDS_ALLOWED): string | null {
  let run: string[] = [];
  for (const token of text.split(/\s+/)) {
    const bare = token.replace(/[)"”»,.;:!?]+$/, "").replace(/^[("“«]/, "");
    const english =
      /^[A-Za-z]+(?:['’-][A-Za-z]+)*$/.test(bare) &&
      bare !== bare.toUpperCase() &&
      !allowed.has(bare.toLowerCase());
    run = english ? [...run, token] : [];
    if (run.length >= 3) return run.join(" ");
    // A full stop, colon or semicolon ends the phrase; a comma does not.
    if (/[.;:!?]$/.test(token)) run = [];
  }
  return null;
}

/**
 * Texts on the page with a run of three or more English words: on a page in another language,
 * text the catalogue does not have (a server's English sentence, a code shown as it is stored).
 */
export async function englishWords(
  page: Page,
  allowed: ReadonlySet<string> = LATIN_WORDS_ALLOWED,
): Promise<string[]> {
  const found: string[] = [];
  // Commands, file names and identifiers (code, kbd, pre, samp) are the same in every language.
  for (const text of await readerTexts(page, "script, style, code, kbd, pre, samp")) {
    const run = englishRun(text, allowed);
    if (run !== null) found.push(`English words on a Russian page: "${run}" in "${text.slice(0, 80)}"`);
  }
  return found;
}
