// A small, strict-enough XML parser for the parts of an .xlsx we read
// (workbook, relationships, shared strings, worksheets). Elements are keyed by
// local name (namespace prefixes dropped, so `x:row` is `row`). No DTDs and no
// entity definitions are processed (only the five predefined entities and
// numeric references), so there is no external-entity or entity-expansion risk.

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (XmlElement | string)[];
}

export class XmlError extends Error {}

const PREDEFINED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (m, body: string) => {
    if (body.startsWith("#x")) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return PREDEFINED[body] ?? m;
  });
}

function localName(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? qname : qname.slice(i + 1);
}

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** Parses a document and returns its root element. */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  const top = (): XmlElement => {
    const el = stack[stack.length - 1];
    if (el === undefined) throw new XmlError("unbalanced XML");
    return el;
  };
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    if (lt < 0) {
      const tail = text.slice(i);
      if (tail.trim() !== "" && stack.length > 1) top().children.push(decodeEntities(tail));
      break;
    }
    if (lt > i) {
      const chunk = text.slice(i, lt);
      if (stack.length > 1) top().children.push(decodeEntities(chunk));
    }
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      if (end < 0) throw new XmlError("unterminated comment");
      i = end + 3;
    } else if (text.startsWith("<![CDATA[", lt)) {
      const end = text.indexOf("]]>", lt + 9);
      if (end < 0) throw new XmlError("unterminated CDATA");
      top().children.push(text.slice(lt + 9, end));
      i = end + 3;
    } else if (text.startsWith("<?", lt)) {
      const end = text.indexOf("?>", lt + 2);
      if (end < 0) throw new XmlError("unterminated processing instruction");
      i = end + 2;
    } else if (text.startsWith("<!", lt)) {
      throw new XmlError("DTDs are not accepted");
    } else if (text.startsWith("</", lt)) {
      const end = text.indexOf(">", lt);
      if (end < 0) throw new XmlError("unterminated end tag");
      const name = localName(text.slice(lt + 2, end).trim());
      const open = stack.pop();
      if (open === undefined || open.name !== name || stack.length === 0)
        throw new XmlError(`mismatched end tag </${name}>`);
      i = end + 1;
    } else {
      // Find the end of the start tag, skipping '>' inside quoted attribute values.
      let j = lt + 1;
      let quote = "";
      for (; j < text.length; j++) {
        const c = text.charAt(j);
        if (quote !== "") {
          if (c === quote) quote = "";
        } else if (c === '"' || c === "'") quote = c;
        else if (c === ">") break;
      }
      if (j >= text.length) throw new XmlError("unterminated start tag");
      let body = text.slice(lt + 1, j);
      const selfClosing = body.endsWith("/");
      if (selfClosing) body = body.slice(0, -1);
      const nameEnd = body.search(/\s|$/);
      const name = localName(body.slice(0, nameEnd));
      const attrs: Record<string, string> = {};
      for (const m of body.slice(nameEnd).matchAll(ATTR)) {
        const key = m[1] ?? "";
        attrs[key] = decodeEntities(m[3] ?? m[4] ?? "");
      }
      const el: XmlElement = { name, attrs, children: [] };
      top().children.push(el);
      if (!selfClosing) stack.push(el);
      i = j + 1;
    }
  }
  if (stack.length !== 1) throw new XmlError("unclosed elements at end of document");
  const first = root.children.find((c): c is XmlElement => typeof c !== "string");
  if (first === undefined) throw new XmlError("no root element");
  return first;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter(
    (c): c is XmlElement => typeof c !== "string" && (name === undefined || c.name === name),
  );
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return childElements(el, name)[0];
}

/** Concatenated text of an element and its descendants, except those named in `skip`. */
export function textContent(el: XmlElement, skip: ReadonlySet<string> = new Set()): string {
  let out = "";
  for (const c of el.children) {
    if (typeof c === "string") out += c;
    else if (!skip.has(c.name)) out += textContent(c, skip);
  }
  return out;
}

/** The value of an attribute by local name, whatever its prefix (`r:id` -> "id"). */
export function attrByLocalName(el: XmlElement, local: string, prefixed: boolean): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) {
    const i = k.indexOf(":");
    if (prefixed ? i >= 0 && k.slice(i + 1) === local : k === local) return v;
  }
  return undefined;
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * OOXML string escaping (ST_Xstring): characters XML cannot carry are written
 * as `_xHHHH_`, and a literal `_xHHHH_` in the text has its `_` escaped as
 * `_x005F_`, so nothing is lost. Then XML-escaped.
 */
export function escapeOoxmlText(s: string): string {
  let out = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
  if ([...out].some((ch) => !isXmlChar(ch.codePointAt(0) ?? 0))) {
    out = [...out]
      .map((ch) => {
        const code = ch.codePointAt(0) ?? 0;
        return isXmlChar(code) ? ch : `_x${code.toString(16).toUpperCase().padStart(4, "0")}_`;
      })
      .join("");
  }
  return escapeXml(out);
}

/** Reverses `_xHHHH_` escapes in cell text, as spreadsheet programs do. */
export function unescapeOoxmlText(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
