/**
 * XML pages (Skola24's lesson-absence export) as one predictable tree. xml2js alone gives an
 * element a different shape when it appears once or many times, or with and without attributes;
 * this module normalises its output so a reader never has to care:
 *  - every element is an `XmlElement` with `children` (a list, however many there are),
 *    `attributes` (local names, `xmlns` declarations dropped) and `text`;
 *  - namespace prefixes are dropped from element and attribute names (drift `nsPrefix`);
 *  - a UTF-8 byte order mark is ignored (drift `xmlBom`);
 *  - `xsi:nil="true"` marks an element as nil, which `textOf` reads as null; an empty element
 *    without it reads as `""`.
 */
import { Parser, processors } from 'xml2js';

export interface XmlElement {
  /** Local name, without namespace prefix. */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Concatenated character data directly inside the element, as written (entities decoded). */
  readonly text: string;
  readonly children: readonly XmlElement[];
  readonly nil: boolean;
}

interface RawNode {
  '#name': string;
  $?: Record<string, string>;
  _?: string;
  $$?: RawNode[];
}

const BOM = '\uFEFF';

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function normalise(node: RawNode): XmlElement {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(node.$ ?? {})) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    attributes[localName(name)] = value;
  }
  const nilValue = attributes['nil'];
  return {
    name: localName(node['#name']),
    attributes,
    text: node._ ?? '',
    children: (node.$$ ?? []).map(normalise),
    nil: nilValue === 'true' || nilValue === '1',
  };
}

/** Parses a whole document and returns its root element. Throws on malformed or truncated XML. */
export async function parseXml(input: string | Buffer): Promise<XmlElement> {
  let text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.startsWith(BOM)) text = text.slice(1);
  const parser = new Parser({
    explicitArray: true,
    explicitChildren: true,
    preserveChildrenOrder: true,
    explicitCharkey: true,
    charsAsChildren: false,
    includeWhiteChars: false,
    trim: false,
    normalize: false,
    attrkey: '$',
    charkey: '_',
    childkey: '$$',
    async: false,
    strict: true,
    tagNameProcessors: [processors.stripPrefix],
  });
  const result = (await parser.parseStringPromise(text)) as Record<string, RawNode> | null;
  const rootName = result ? Object.keys(result)[0] : undefined;
  const root = rootName === undefined ? undefined : result?.[rootName];
  if (rootName === undefined || root === undefined) throw new Error('XML document has no root element');
  return normalise({ ...root, '#name': rootName });
}

/** Every direct child named `name` (zero, one or many: always a list). */
export function childrenOf(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The only or first direct child named `name`, or undefined. */
export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/**
 * The text of the child `name`: null when the child is absent or `xsi:nil`, `""` for an empty
 * element, the text otherwise.
 */
export function textOf(element: XmlElement, name: string): string | null {
  const child = childOf(element, name);
  if (child === undefined || child.nil) return null;
  return child.text;
}

/** Follows a path of child names from `element` (`['Data', 'Absences', 'Absence']` → every match). */
export function descendantsAt(element: XmlElement, path: readonly string[]): XmlElement[] {
  let current: XmlElement[] = [element];
  for (const name of path) current = current.flatMap((node) => childrenOf(node, name));
  return current;
}

/**
 * An element as a plain object for a zod payload schema, with one rule per kind of child so the
 * shape never depends on how many there are:
 *  - a child with children of its own → always a list of records (one `<Subject>` is a list of one);
 *  - a leaf child named in `listNames` → always a list of texts (null when nil);
 *  - any other leaf child → its text (null when nil); if it repeats anyway, the list, so a schema
 *    expecting one value fails on that field instead of silently reading the first.
 * Attributes are kept under `$attributes`.
 */
export function toRecord(element: XmlElement, listNames: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Object.keys(element.attributes).length > 0) out['$attributes'] = { ...element.attributes };
  const leafValue = (child: XmlElement): string | null => (child.nil ? null : child.text);
  const names = [...new Set(element.children.map((child) => child.name))];
  for (const name of names) {
    const matches = childrenOf(element, name);
    const [first] = matches;
    if (matches.some((child) => child.children.length > 0)) {
      out[name] = matches.map((child) => toRecord(child, listNames));
    } else if (matches.length === 1 && first && !listNames.includes(name)) {
      out[name] = leafValue(first);
    } else {
      out[name] = matches.map(leafValue);
    }
  }
  return out;
}
