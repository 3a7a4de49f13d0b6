/**
 * Reads and validates the configuration file at start (DESIGN §9). A file that cannot be read or
 * parsed is `SKB_CONFIG_UNREADABLE` (with the line of a syntax error); a file that parses but breaks
 * the schema is `SKB_CONFIG_INVALID` listing every problem with its line, path and reason.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { SkolbryggaError } from '../core/errors.js';
import { configErrorMap, configInvalidError, problemsFromIssues, type LineLocator } from './issues.js';
import { SkolbryggaConfigSchema, type SkolbryggaConfig } from './schema.js';

type Format = 'yaml' | 'json';

const FORMAT_BY_EXTENSION: Readonly<Record<string, Format>> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

/**
 * Validates configuration data that is already in memory (the demo's embedded configuration, a
 * configuration after overrides). `source` names it in messages.
 */
export function parseConfig(data: unknown, source: string, locate?: LineLocator): SkolbryggaConfig {
  if (data === null || data === undefined) {
    throw configInvalidError(source, [{ path: '(top level)', message: 'the file is empty: expected a mapping with "tenants"' }]);
  }
  const result = SkolbryggaConfigSchema.safeParse(data, { error: configErrorMap });
  if (result.success) return result.data;
  throw configInvalidError(source, problemsFromIssues(result.error.issues, locate));
}

/** Reads, parses and validates a `.yaml`, `.yml` or `.json` configuration file. */
export async function loadConfig(filePath: string): Promise<SkolbryggaConfig> {
  const format = FORMAT_BY_EXTENSION[extname(filePath).toLowerCase()];
  if (!format) {
    throw new SkolbryggaError('SKB_CONFIG_UNREADABLE', `${filePath}: unsupported file type; use .yaml, .yml or .json`, {
      context: { file: filePath },
    });
  }
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new SkolbryggaError('SKB_CONFIG_UNREADABLE', `${filePath}: cannot read the file (${code})`, {
      context: { file: filePath, reason: code },
      cause: error,
    });
  }
  const { data, locate } = format === 'yaml' ? parseYaml(text, filePath) : parseJson(text, filePath);
  return parseConfig(data, filePath, locate);
}

interface Parsed {
  readonly data: unknown;
  readonly locate: LineLocator | undefined;
}

function parseYaml(text: string, filePath: string): Parsed {
  const lineCounter = new LineCounter();
  // `merge` lets an administrator share blocks with `<<: *defaults`; duplicate keys stay errors.
  const document = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    const lines = document.errors.map((error) => {
      const position = error.linePos?.[0];
      const where = position ? `${filePath}:${position.line}:${position.col}` : filePath;
      // Only the parser's reason: its later lines quote the file's text, its position is in `where`.
      const reason = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
      return `  ${where}: ${reason}`;
    });
    const first = document.errors[0]?.linePos?.[0];
    throw new SkolbryggaError('SKB_CONFIG_UNREADABLE', `${filePath} is not valid YAML\n${lines.join('\n')}`, {
      context: { file: filePath, line: first?.line, column: first?.col },
    });
  }
  return { data: document.toJS({ maxAliasCount: 1000 }) as unknown, locate: yamlLocator(document, lineCounter) };
}

function parseJson(text: string, filePath: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = jsonErrorPosition(text, reason);
    const where = at ? `${filePath}:${at.line}:${at.column}` : filePath;
    throw new SkolbryggaError('SKB_CONFIG_UNREADABLE', `${where}: not valid JSON (${reason.split(/[,\n]/)[0] ?? reason})`, {
      context: { file: filePath, line: at?.line, column: at?.column },
      cause: error,
    });
  }
  // JSON is YAML, so the YAML parser can still point at the line of a schema problem.
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  return { data, locate: document.errors.length === 0 ? yamlLocator(document, lineCounter) : undefined };
}

/**
 * Where JSON.parse gave up. Its message carries a position on some Node versions only; otherwise
 * the YAML parser, which reads JSON too, points at the line.
 */
function jsonErrorPosition(text: string, reason: string): { line: number; column: number } | undefined {
  const offset = /position (\d+)/.exec(reason)?.[1];
  if (offset !== undefined) {
    const before = text.slice(0, Number(offset));
    return { line: before.split('\n').length, column: Number(offset) - before.lastIndexOf('\n') };
  }
  const position = parseDocument(text, { prettyErrors: true }).errors[0]?.linePos?.[0];
  return position ? { line: position.line, column: position.col } : undefined;
}

/** The line of the deepest node on the path that exists; keys point at the key, items at the item. */
function yamlLocator(document: Document, lineCounter: LineCounter): LineLocator {
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  return (path) => {
    let node: unknown = document.contents;
    let line = lineOf((node as Node | null)?.range?.[0]);
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(document);
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        line = lineOf((pair.key as Node).range?.[0]) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (item === undefined) break;
        line = lineOf((item as Node).range?.[0]) ?? line;
        node = item;
      } else {
        break;
      }
    }
    return line;
  };
}
