import { describe, expect, it } from 'vitest';
import { isSkolbryggaError } from '../../errors.js';
import { assertSameTenant, assertTenantId } from './rows.js';

describe('tenant id guards', () => {
  it('accepts a lower-case uuid', () => {
    expect(() => assertTenantId('0b6f1f3e-8a52-4b8e-9c1d-2f3a4b5c6d7e')).not.toThrow();
  });

  it.each(['0B6F1F3E-8A52-4B8E-9C1D-2F3A4B5C6D7E', 'sjostad', '', "x' OR 1=1 --"])('refuses %j', (tenantId) => {
    let thrown: unknown;
    try {
      assertTenantId(tenantId);
    } catch (error) {
      thrown = error;
    }
    expect(isSkolbryggaError(thrown, 'SKB_VALIDATION')).toBe(true);
  });

  it('refuses a record of another tenant', () => {
    expect(() => assertSameTenant('a', 'b', 'persons')).toThrow(/another tenant/);
  });
});
