/**
 * The `LessonAbsenceExportResult` document (skola24.md §6), serialised with xml2js's Builder in
 * ASP.NET XmlSerializer style: UTF-8 declaration, default namespace on the root with `xsi` and
 * `xsd` declared, root children in a fixed order, empty lists self-closing (`<Registrations />`).
 * Drift `nsPrefix` writes the same document with every element prefixed `s24:`; drift `xmlBom`
 * puts a UTF-8 byte order mark before the declaration.
 */
import xml2js from 'xml2js';
import type { DriftState } from '../common/index.js';
import { LESSON_ABSENCE_NAMESPACE, XSD_NAMESPACE, XSI_NAMESPACE } from './constants.js';
import type { ValidationError } from './envelope.js';
import { nil } from './registration-element.js';
import type { XmlElement } from './registration-element.js';
import type { SessionInfo } from './session.js';
import { formatDotNetStamp } from './wire-time.js';

export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

const ROOT = 'LessonAbsenceExportResult';
const PREFIX = 's24';
const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const NEWLINE = '\r\n';
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// `spacebeforeslash` (xmlbuilder's, missing from xml2js's types) writes `<Registrations />` as .NET does.
const RENDER_OPTIONS = { pretty: true, indent: '  ', newline: NEWLINE, spacebeforeslash: ' ' } as xml2js.RenderOptions;
const builder = new xml2js.Builder({ headless: true, renderOpts: RENDER_OPTIONS });

/** The part of a successful answer: which unit, which page, as of which snapshot. */
export interface ExportResult {
  readonly unit: { readonly guid: string; readonly schoolUnitCode: string; readonly name: string };
  readonly page: { readonly number: number; readonly size: number; readonly totalCount: number; readonly hasMorePages: boolean };
  readonly snapshot: number;
  readonly registrations: readonly XmlElement[];
}

export interface ExportDocument {
  readonly session: SessionInfo;
  /** Empty on success; on failure the document carries no result (§6 "Failure"). */
  readonly validation: readonly ValidationError[];
  readonly result: ExportResult | null;
}

/** `<Validation />` or one `ValidationError` per error. */
function validationElement(errors: readonly ValidationError[]): unknown {
  if (errors.length === 0) return '';
  return { ValidationError: errors.map((error) => ({ Code: String(error.code), Label: error.label, Message: error.message })) };
}

function resultElements(result: ExportResult): XmlElement {
  return {
    Unit: { $: { unitGuid: result.unit.guid, schoolUnitCode: result.unit.schoolUnitCode }, _: result.unit.name },
    Page: { $: { number: String(result.page.number), size: String(result.page.size), totalCount: String(result.page.totalCount), hasMorePages: String(result.page.hasMorePages) } },
    // The server hands out snapshots as .NET stamps with seven fraction digits, as in the file.
    SnapshotTime: formatDotNetStamp(result.snapshot),
    Registrations: result.registrations.length === 0 ? '' : { Registration: [...result.registrations] },
  };
}

/** Every element name (not attributes, not text) with `s24:` in front. */
function prefixed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(prefixed);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node as XmlElement).map(([name, value]) => (name === '$' || name === '_' ? [name, value] : [`${PREFIX}:${name}`, prefixed(value)]));
  return Object.fromEntries(entries);
}

export function renderExportDocument(document: ExportDocument, drift: Pick<DriftState, 'has'>): Buffer {
  const usePrefix = drift.has('nsPrefix');
  const namespaceAttribute = usePrefix ? `xmlns:${PREFIX}` : 'xmlns';
  const children: XmlElement = {
    SessionExpires: document.session.expiresAt === null ? nil() : formatDotNetStamp(document.session.expiresAt),
    NeedSessionRefresh: String(document.session.needsRefresh),
    Validation: validationElement(document.validation),
    ...(document.result ? resultElements(document.result) : {}),
  };
  const body = usePrefix ? (prefixed(children) as XmlElement) : children;
  const root = { [usePrefix ? `${PREFIX}:${ROOT}` : ROOT]: { $: { 'xmlns:xsi': XSI_NAMESPACE, 'xmlns:xsd': XSD_NAMESPACE, [namespaceAttribute]: LESSON_ABSENCE_NAMESPACE }, ...body } };
  const text = `${DECLARATION}${NEWLINE}${builder.buildObject(root)}`;
  const bytes = Buffer.from(text, 'utf8');
  return drift.has('xmlBom') ? Buffer.concat([UTF8_BOM, bytes]) : bytes;
}
