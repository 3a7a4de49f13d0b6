import { describe, expect, it } from 'vitest';
import { parseLatin1Form } from './latin1-form.js';

describe('parseLatin1Form', () => {
  it('reads percent escapes as ISO-8859-1 bytes', () => {
    const fields = parseLatin1Form(Buffer.from('user=skolbrygga%40sjostad&password=Sim-l%F6sen-sjostad&SMENC=ISO-8859-1'));
    expect(fields.get('user')).toBe('skolbrygga@sjostad');
    expect(fields.get('password')).toBe('Sim-lösen-sjostad');
    expect(fields.get('SMENC')).toBe('ISO-8859-1');
  });

  it('turns a UTF-8 encoded ö into two Latin-1 characters, so the password no longer matches', () => {
    expect(parseLatin1Form(Buffer.from('password=Sim-l%C3%B6sen-sjostad')).get('password')).toBe('Sim-lÃ¶sen-sjostad');
  });

  it('accepts raw Latin-1 bytes, plus signs as spaces, empty values and repeated names', () => {
    const fields = parseLatin1Form(Buffer.concat([Buffer.from('password=l'), Buffer.from([0xf6]), Buffer.from('s&a=b+c&postpreservationdata=&a=second&flag')]));
    expect(fields.get('password')).toBe('lös');
    expect(fields.get('a')).toBe('b c');
    expect(fields.get('postpreservationdata')).toBe('');
    expect(fields.get('flag')).toBe('');
  });

  it('keeps a broken escape literally', () => {
    expect(parseLatin1Form(Buffer.from('target=100%25&odd=%zz')).get('odd')).toBe('%zz');
  });
});
