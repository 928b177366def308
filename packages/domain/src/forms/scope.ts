// Where each item of a form lives: its groups and repeats, the repeat whose
// instances hold its answer, and the key of that answer.
//
// Names follow pyxform's rules: unique (case-insensitively) among the items of
// one group, repeat or the form itself, so the same name may appear in two
// groups. An answer is keyed by the item's name within its answer scope (the
// form, or one instance of its innermost repeat); when a name occurs more than
// once in one scope, those answers are keyed by the group path, `g1/name`.
// `${name}` must name exactly one item of the form (pyxform rejects ambiguity).
import { type Container, type FormDefinition, type FormItem, type Repeat, walkItems } from "./definition.ts";

export interface ScopedItem {
  readonly item: FormItem;
  readonly path: readonly (string | number)[];
  readonly containers: readonly Container[];
  /** The innermost repeat around the item; undefined at the form's top level. */
  readonly repeat: Repeat | undefined;
  /** Key of the answer inside its scope's answer object. */
  readonly key: string;
}

export interface FormScope {
  readonly items: readonly ScopedItem[];
  /** Items by name (several when the name is reused in other groups). */
  readonly byName: ReadonlyMap<string, readonly ScopedItem[]>;
  readonly of: (item: FormItem) => ScopedItem | undefined;
}

const scopes = new WeakMap<object, FormScope>();

function innermostRepeat(containers: readonly Container[]): Repeat | undefined {
  for (let i = containers.length - 1; i >= 0; i--) {
    const c = containers[i];
    if (c?.type === "repeat") return c;
  }
  return undefined;
}

/** The scope table of a form (cached per definition object). */
export function scopeOf(form: Pick<FormDefinition, "items">): FormScope {
  const cached = scopes.get(form.items);
  if (cached !== undefined) return cached;
  const raw: Omit<ScopedItem, "key">[] = [];
  walkItems(form.items, (item, path, containers) => {
    raw.push({ item, path, containers, repeat: innermostRepeat(containers) });
  });
  const perScope = new Map<Repeat | undefined, Map<string, number>>();
  for (const r of raw) {
    const counts = perScope.get(r.repeat) ?? new Map<string, number>();
    perScope.set(r.repeat, counts);
    counts.set(r.item.name, (counts.get(r.item.name) ?? 0) + 1);
  }
  const items: ScopedItem[] = raw.map((r) => {
    const duplicated = (perScope.get(r.repeat)?.get(r.item.name) ?? 0) > 1;
    const start = r.repeat === undefined ? 0 : r.containers.indexOf(r.repeat) + 1;
    const key = duplicated
      ? [...r.containers.slice(start).map((c) => c.name), r.item.name].join("/")
      : r.item.name;
    return { ...r, key };
  });
  const byName = new Map<string, ScopedItem[]>();
  for (const s of items) byName.set(s.item.name, [...(byName.get(s.item.name) ?? []), s]);
  const byItem = new Map(items.map((s) => [s.item, s]));
  const scope: FormScope = { items, byName, of: (item) => byItem.get(item) };
  scopes.set(form.items, scope);
  return scope;
}

/** Repeats from the outermost to the item's own (the chain of instances its answer lives in). */
export function repeatChain(scoped: Pick<ScopedItem, "containers">): Repeat[] {
  return scoped.containers.filter((c): c is Repeat => c.type === "repeat");
}
