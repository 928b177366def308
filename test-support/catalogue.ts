/** A message catalogue (nested JSON of texts) as a flat map from dotted key to text. */
export type Catalogue = { readonly [key: string]: string | Catalogue };

export function catalogueLeaves(tree: Catalogue, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "string") found.set(path, value);
    else for (const [inner, text] of catalogueLeaves(value, path)) found.set(inner, text);
  }
  return found;
}
