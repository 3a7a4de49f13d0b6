// `skolbrygga migrate` end to end, as an operator runs it: a real process, a real database.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../core/store/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../bin/skolbrygga.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'skolbrygga-migrate-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('skolbrygga migrate', () => {
  it('applies every migration to an embedded database once, then reports it up to date', async () => {
    const url = `pglite:${dataDir}`;
    const first = await run(process.execPath, [cli, 'migrate', '--database-url', url]);
    expect(first.stdout).toMatch(/^applied 0001_initial\.sql$/m);

    const second = await run(process.execPath, [cli, 'migrate', '--database-url', url]);
    expect(second.stdout).toBe('database is up to date\n');

    const db = await openDb({ url });
    try {
      const tables = await db.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
      );
      expect(tables.map((table) => table.name)).toEqual(
        expect.arrayContaining(['tenants', 'persons', 'absence_records', 'source_links', 'outbox', 'schema_migrations']),
      );
    } finally {
      await db.close();
    }
  });

  it('names the database problem and exits 1 when the server cannot be reached', async () => {
    const failed = await run(process.execPath, [cli, 'migrate', '--database-url', 'postgres://nobody@127.0.0.1:1/none']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/SKB_DB_UNAVAILABLE/);
  });
});
