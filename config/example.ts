/**
 * The example configuration shipped with skolbrygga: the two simulated municipalities the demo
 * runs on embedded defaults (DESIGN §10).
 */
import { fileURLToPath } from 'node:url';
import { loadConfig } from './load.js';
import type { SkolbryggaConfig } from './schema.js';

/** Where `examples/municipalities.yaml` lies, wherever skolbrygga is installed. */
export const EXAMPLE_CONFIG_FILE = fileURLToPath(new URL('./examples/municipalities.yaml', import.meta.url));

export function loadExampleConfig(): Promise<SkolbryggaConfig> {
  return loadConfig(EXAMPLE_CONFIG_FILE);
}
