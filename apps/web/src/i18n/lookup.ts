// A catalogue lookup with i18next's rules, without i18next: for the observer app and the portal,
// which say errors from the staff app's error texts (errors.*.json) but keep their scripts small.
// The same key, `{{name}}` placeholders, `_<context>` variants and `_<plural>` forms as i18next,
// and the same fall-back: the next catalogue, then `defaultValue`, then the key.

/** A translate function as the error texts need it (i18next's `t` fits it too). */
export type LooseTranslate = (key: string, options?: Readonly<Record<string, unknown>>) => string;

type Tree = { readonly [key: string]: string | Tree };

function leaf(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const step of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[step];
  }
  return typeof node === "string" ? node : undefined;
}

/** The keys i18next tries for `key`, most specific first: context and plural, context, plural, key. */
function candidates(key: string, options: Readonly<Record<string, unknown>>, language: string): string[] {
  const context =
    typeof options["context"] === "string" && options["context"] !== "" ? options["context"] : "";
  const count = options["count"];
  const plural = typeof count === "number" ? new Intl.PluralRules(language).select(count) : "";
  const keys: string[] = [];
  for (const base of context === "" ? [key] : [`${key}_${context}`, key]) {
    if (plural !== "") keys.push(`${base}_${plural}`);
    keys.push(base);
  }
  return keys;
}

/** Looks `key` up in each `[language, catalogue]` in turn and fills in its placeholders. */
export function catalogueTranslator(catalogues: readonly (readonly [string, object])[]): LooseTranslate {
  return (key, options = {}) => {
    let text: string | undefined;
    for (const [language, tree] of catalogues) {
      for (const candidate of candidates(key, options, language)) {
        text = leaf(tree as Tree, candidate);
        if (text !== undefined) break;
      }
      if (text !== undefined) break;
    }
    const found = text ?? (typeof options["defaultValue"] === "string" ? options["defaultValue"] : key);
    return found.replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) => {
      const value = options[name];
      return value === undefined || value === null ? whole : String(value);
    });
  };
}
