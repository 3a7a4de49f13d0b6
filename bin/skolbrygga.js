#!/usr/bin/env node
// The installed entry point: registers tsx so the TypeScript sources run as they are, then hands
// over to the CLI. Keeping one source of truth (no stale dist/) matters more here than the
// few hundred milliseconds tsx adds at start.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv);
