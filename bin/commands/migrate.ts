import type { Command } from 'commander';
import { resolveDatabaseUrl } from '../database-url.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (PostgreSQL, or embedded PGlite when no URL is given)')
    .option('--database-url <url>', 'postgres://… or pglite:<dir>; default DATABASE_URL, else PGlite in ./.skolbrygga/db')
    .action(async (options: { databaseUrl?: string }) => {
      // Loaded here, not at the top: every other command starts faster without PGlite's WASM.
      const { openDb, migrate } = await import('../../core/store/index.js');
      const url = resolveDatabaseUrl(options.databaseUrl, process.env);
      const db = await openDb({ url });
      try {
        const applied = await migrate(db);
        process.stdout.write(
          applied.length === 0
            ? 'database is up to date\n'
            : applied.map((name) => `applied ${name}\n`).join(''),
        );
      } finally {
        await db.close();
      }
    });
}
