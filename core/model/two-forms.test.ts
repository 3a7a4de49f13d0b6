import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineEntity,
  defineParts,
  derived,
  knownLater,
  optionalRef,
  optionalRefList,
  perForm,
  ref,
  refList,
} from './two-forms.js';

const TENANT = '7d1c0a6e-3f42-4c57-9a53-0f3b8d1e2a10';
const ID_A = '6bf46c69-7d2c-4f82-aeea-cbe226e87555';
const ID_B = '13deef86-ab10-41d0-b646-e1f40a097c97';
const META = { created: '2026-03-09T06:31:12+01:00', modified: '2026-03-09T06:31:12+01:00' };
const src = (sourceId: string) => ({ sourceSystem: 'manual', sourceInstance: 'test', sourceEntityType: 'thing', sourceId }) as const;

const part = defineParts({ owner: ref(), note: z.string() });
const widget = defineEntity('Widget', {
  label: z.string(),
  owner: ref(),
  helper: optionalRef(),
  member: refList(),
  extra: optionalRefList(),
  checksum: derived(z.string()),
  day: knownLater(z.iso.date()),
  parts: perForm(part.canonical.array(), part.source.array()),
});

describe('defineEntity', () => {
  it('names references …Id / …Ids in the canonical form and adds id, tenantId, meta, status', () => {
    expect(Object.keys(widget.canonical.shape).sort()).toEqual(
      ['checksum', 'day', 'extraIds', 'helperId', 'id', 'label', 'memberIds', 'meta', 'ownerId', 'parts', 'status', 'tenantId'],
    );
  });

  it('names references …Ref / …Refs in the source form, drops derived fields and adds entityType, source, status', () => {
    expect(Object.keys(widget.source.shape).sort()).toEqual(
      ['day', 'entityType', 'extraRefs', 'helperRef', 'label', 'memberRefs', 'ownerRef', 'parts', 'source', 'status'],
    );
  });

  const canonical = {
    id: ID_A,
    tenantId: TENANT,
    meta: META,
    status: 'active',
    label: 'w',
    ownerId: ID_B,
    memberIds: [ID_A],
    checksum: 'abc',
    day: '2026-03-09',
    parts: [{ ownerId: ID_B, note: 'n' }],
  };
  const source = {
    entityType: 'Widget',
    source: src('w1'),
    status: 'active',
    label: 'w',
    ownerRef: src('o1'),
    memberRefs: [src('m1')],
    day: null,
    parts: [{ ownerRef: src('o1'), note: 'n' }],
  };

  it('parses both forms of the same record', () => {
    expect(widget.canonical.parse(canonical)).toEqual(canonical);
    expect(widget.source.parse(source)).toEqual(source);
  });

  it('types references: a uuid in the canonical form, a SourceRef in the source form', () => {
    expect(widget.canonical.safeParse({ ...canonical, ownerId: 'o1' }).error?.issues[0]?.path).toEqual(['ownerId']);
    expect(widget.source.safeParse({ ...source, ownerRef: ID_B }).error?.issues[0]?.path).toEqual(['ownerRef']);
    expect(widget.source.safeParse({ ...source, parts: [{ ownerId: ID_B, note: 'n' }] }).success).toBe(false);
  });

  it('accepts null or absence for optional references in either form', () => {
    expect(widget.canonical.safeParse({ ...canonical, helperId: null, extraIds: null }).success).toBe(true);
    expect(widget.source.safeParse({ ...source, helperRef: null, extraRefs: [src('x')] }).success).toBe(true);
  });

  it('lets only the source form leave a knownLater field null', () => {
    expect(widget.canonical.safeParse({ ...canonical, day: null }).error?.issues[0]?.path).toEqual(['day']);
    const { day: _day, ...withoutDay } = source;
    expect(widget.source.safeParse(withoutDay).error?.issues[0]?.path).toEqual(['day']);
  });

  it('requires derived fields in the canonical form and rejects them in the source form', () => {
    const { checksum: _checksum, ...withoutChecksum } = canonical;
    expect(widget.canonical.safeParse(withoutChecksum).error?.issues[0]?.path).toEqual(['checksum']);
    const issue = widget.source.safeParse({ ...source, checksum: 'abc' }).error?.issues[0];
    expect(issue?.code).toBe('unrecognized_keys');
  });

  it('pins entityType to the entity name', () => {
    expect(widget.source.safeParse({ ...source, entityType: 'Gadget' }).error?.issues[0]?.path).toEqual(['entityType']);
  });
});
