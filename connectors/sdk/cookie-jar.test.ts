import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.js';

describe('CookieJar', () => {
  it('sends a cookie back to the exact host only (host-only)', () => {
    const jar = new CookieJar();
    jar.store('http://sjostad.skola24.test:7301/Applications/Authentication/login.aspx', [
      'ASP.NET_SessionId=abc; path=/; HttpOnly',
      '.ASPXAUTH=def; Path=/; Domain=skola24.test; HttpOnly',
    ]);
    expect(jar.headerFor('http://sjostad.skola24.test:7301/api/get/students')).toBe('ASP.NET_SessionId=abc; .ASPXAUTH=def');
    expect(jar.headerFor('http://abro.skola24.test:7301/api/get/students')).toBeUndefined();
    expect(jar.headerFor('http://sjostad.skola24.test:9999/api/get/students')).toBeUndefined();
  });

  it('honours paths, the default path, replacement and deletion', () => {
    const jar = new CookieJar();
    jar.store('http://h.test/swedish/production/mentor/login', 'a=1');
    jar.store('http://h.test/', 'b=2; Path=/hub');
    expect(jar.headerFor('http://h.test/swedish/production/mentor/x')).toBe('a=1');
    expect(jar.headerFor('http://h.test/hub/attendance')).toBe('b=2');
    expect(jar.headerFor('http://h.test/hubble')).toBeUndefined();
    jar.store('http://h.test/', 'b=3; Path=/hub');
    expect(jar.get('http://h.test/hub', 'b')).toBe('3');
    jar.store('http://h.test/', 'b=; Path=/hub; Max-Age=0');
    expect(jar.headerFor('http://h.test/hub')).toBeUndefined();
  });

  it('deletes on an Expires at or before the response Date, not the local clock', () => {
    const jar = new CookieJar();
    const date = 'Tue, 10 Mar 2026 01:00:00 GMT';
    jar.store('http://h.test/', 'SMSESSION=x; Path=/', date);
    jar.store('http://h.test/', 'SMSESSION=LOGGEDOFF; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT', date);
    expect(jar.headerFor('http://h.test/')).toBeUndefined();
    jar.store('http://h.test/', 'keep=1; Path=/; Expires=Wed, 11 Mar 2026 01:00:00 GMT', date);
    expect(jar.headerFor('http://h.test/')).toBe('keep=1');
  });
});
