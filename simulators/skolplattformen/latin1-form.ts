/**
 * The SiteMinder login form is posted with `SMENC=ISO-8859-1`: its percent escapes are Latin-1
 * bytes (`ö` is `%F6`). Express's and Node's form parsers decode escapes as UTF-8, which would
 * accept a UTF-8 password the real agent refuses, so the body is decoded here byte by byte.
 */

function decodeComponent(text: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '+') {
      bytes.push(0x20);
    } else if (char === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(index + 1, index + 3))) {
      bytes.push(parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(text.charCodeAt(index) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('latin1');
}

/** Fields of an `application/x-www-form-urlencoded` body read as ISO-8859-1; the first of a repeated name wins. */
export function parseLatin1Form(body: Buffer): Map<string, string> {
  const fields = new Map<string, string>();
  // `latin1` maps every byte to one char, so raw non-ASCII bytes survive the split unchanged.
  for (const part of body.toString('latin1').split('&')) {
    if (part === '') continue;
    const separator = part.indexOf('=');
    const name = decodeComponent(separator < 0 ? part : part.slice(0, separator));
    const value = separator < 0 ? '' : decodeComponent(part.slice(separator + 1));
    if (!fields.has(name)) fields.set(name, value);
  }
  return fields;
}
