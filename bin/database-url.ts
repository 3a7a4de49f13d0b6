/** Where the CLI keeps its embedded database when no server is configured. */
export const DEFAULT_PGLITE_URL = 'pglite:./.skolbrygga/db';

/** `--database-url` wins, then `DATABASE_URL`, then the embedded PGlite default. */
export function resolveDatabaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? (env.DATABASE_URL?.trim() || DEFAULT_PGLITE_URL);
}
