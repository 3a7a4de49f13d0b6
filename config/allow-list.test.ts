import { describe, expect, it } from 'vitest';
import { allowListEntryProblem, isUrlAllowed } from './allow-list.js';

describe('isUrlAllowed', () => {
  it.each([
    // host entries
    ['https://case.sjostad.se/hooks/a', ['case.sjostad.se'], true],
    ['https://CASE.sjostad.se:8443/hooks', ['case.sjostad.se'], true],
    ['https://case.sjostad.se/hooks', ['other.sjostad.se'], false],
    ['https://case.sjostad.se.evil.example/hooks', ['case.sjostad.se'], false],
    ['https://case.sjostad.se@evil.example/hooks', ['case.sjostad.se'], false],
    ['http://127.0.0.1:7306/hooks/sjostad', ['127.0.0.1'], true],
    ['http://127.0.0.1:7306/hooks/sjostad', ['127.0.0.1:7306'], true],
    ['http://127.0.0.1:7307/hooks/sjostad', ['127.0.0.1:7306'], false],
    ['https://case.sjostad.se/hooks', ['case.sjostad.se:443'], true],
    ['http://[::1]:9000/hooks', ['[::1]'], true],
    // wildcard: subdomains only
    ['https://a.sjostad.se/x', ['*.sjostad.se'], true],
    ['https://a.b.sjostad.se/x', ['*.sjostad.se'], true],
    ['https://sjostad.se/x', ['*.sjostad.se'], false],
    ['https://evilsjostad.se/x', ['*.sjostad.se'], false],
    // URL prefixes
    ['https://case.sjostad.se/hooks/a', ['https://case.sjostad.se/hooks/'], true],
    ['https://case.sjostad.se/hooks', ['https://case.sjostad.se/hooks'], true],
    ['https://case.sjostad.se/hooks/a?x=1', ['https://case.sjostad.se/hooks'], true],
    ['https://case.sjostad.se/hooks-evil', ['https://case.sjostad.se/hooks'], false],
    ['https://case.sjostad.se/hooks/../admin', ['https://case.sjostad.se/hooks/'], false],
    ['http://case.sjostad.se/hooks/a', ['https://case.sjostad.se/hooks/'], false],
    ['https://case.sjostad.se:8443/hooks/a', ['https://case.sjostad.se/hooks/'], false],
    ['https://case.sjostad.se:443/hooks/a', ['https://case.sjostad.se/hooks/'], true],
    // nothing else
    ['https://case.sjostad.se/hooks', [], false],
    ['not a url', ['case.sjostad.se'], false],
  ])('%s against %j → %s', (url, allowList, allowed) => {
    expect(isUrlAllowed(url, allowList)).toBe(allowed);
  });
});

describe('allowListEntryProblem', () => {
  it.each(['case.sjostad.se', '127.0.0.1', '127.0.0.1:7306', '*.sjostad.se', '[::1]', 'https://case.sjostad.se/hooks/', 'localhost'])(
    'accepts %j',
    (entry) => {
      expect(allowListEntryProblem(entry)).toBeUndefined();
    },
  );

  it.each([
    ['', 'neither a host'],
    ['case sjostad', 'neither a host'],
    ['case.sjostad.se/hooks', 'neither a host'],
    ['*', 'neither a host'],
    ['ftp://case.sjostad.se/', 'http(s)'],
    ['https://user:pw@case.sjostad.se/', 'credentials'],
    ['https://case.sjostad.se/hooks?token=1', 'query'],
  ])('refuses %j', (entry, reason) => {
    expect(allowListEntryProblem(entry)).toContain(reason);
  });
});
