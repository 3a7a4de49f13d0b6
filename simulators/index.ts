/**
 * The registry of platform simulators and the ways to start them: one (`startSimulator`, used by
 * `skolbrygga simulate`) or all of them plus the case-system receiver on ephemeral loopback ports
 * (`startSimulators`, used by the demo and the connector suites).
 */
import { CASE_SYSTEM_DEFAULT_PORT, createCaseSystem } from './case-system/index.js';
import type { CaseSystem } from './case-system/index.js';
import { DEFAULT_HOST, createSimulator } from './common/index.js';
import type { RunningServer, SimulatorContext, SimulatorDefinition } from './common/index.js';
import { platformKeySchema } from './world/index.js';
import type { PlatformKey } from './world/index.js';

export { CASE_SYSTEM_DEFAULT_PORT };

/**
 * One line per platform: `simulators/<platform>/index.ts` exports its definition as `simulator`.
 * Loaded lazily, so `skolbrygga simulate --platform X` loads only X, and a platform not written
 * yet is simply absent.
 */
const REGISTRY: Partial<Record<PlatformKey, () => Promise<SimulatorDefinition>>> = {
  skola24: async () => (await import('./skola24/index.js')).simulator,
  schoolsoft: async () => (await import('./schoolsoft/index.js')).simulator,
  infomentor: async () => (await import('./infomentor/index.js')).simulator,
  skolplattformen: async () => (await import('./skolplattformen/index.js')).simulator,
  ss12000: async () => (await import('./ss12000/index.js')).simulator,
};

export const DEFAULT_SEED = 'skolbrygga';
export const DEFAULT_STUDENTS = 1500;

export class SimulatorNotRegisteredError extends Error {
  constructor(readonly platform: string) {
    super(`no simulator is registered for platform "${platform}" (registered: ${registeredPlatforms().join(', ') || 'none'})`);
    this.name = 'SimulatorNotRegisteredError';
  }
}

/** Platforms with a simulator, in the fixed platform order. */
export function registeredPlatforms(): PlatformKey[] {
  return platformKeySchema.options.filter((platform) => REGISTRY[platform] !== undefined);
}

export async function loadSimulatorDefinition(platform: string): Promise<SimulatorDefinition> {
  const parsed = platformKeySchema.safeParse(platform);
  const load = parsed.success ? REGISTRY[parsed.data] : undefined;
  if (!load) throw new SimulatorNotRegisteredError(platform);
  return load();
}

export interface WorldStart {
  readonly seed: string | number;
  readonly students: number;
  /** RFC 3339; default the world's default clock. */
  readonly now?: string;
}

export interface RunningSimulator extends RunningServer {
  readonly platform: PlatformKey;
  /** In-process access to the simulator's state (the same the control API changes). */
  readonly context: SimulatorContext;
}

export interface StartSimulatorOptions extends WorldStart {
  readonly platform: PlatformKey;
  /** Default: the platform's own port (7301–7305); 0 for an ephemeral one. */
  readonly port?: number;
  readonly host?: string;
}

async function run(definition: SimulatorDefinition, world: WorldStart, port: number, host: string): Promise<RunningSimulator> {
  const simulator = createSimulator(definition, world);
  const server = await simulator.listen(port, host);
  return { ...server, platform: definition.platform, context: simulator.context };
}

export async function startSimulator(options: StartSimulatorOptions): Promise<RunningSimulator> {
  const definition = await loadSimulatorDefinition(options.platform);
  return run(definition, options, options.port ?? definition.defaultPort, options.host ?? DEFAULT_HOST);
}

export interface StartSimulatorsOptions extends WorldStart {
  readonly host?: string;
  /** Default: every registered platform. */
  readonly definitions?: readonly SimulatorDefinition[];
}

export interface RunningCaseSystem extends RunningServer {
  readonly system: CaseSystem;
}

export interface SimulatorFleet {
  readonly urls: Partial<Record<PlatformKey, string>>;
  readonly simulators: Partial<Record<PlatformKey, RunningSimulator>>;
  readonly caseSystem: RunningCaseSystem;
  stop(): Promise<void>;
}

/** Every registered platform and the case system, each on an ephemeral port. */
export async function startSimulators(options: StartSimulatorsOptions): Promise<SimulatorFleet> {
  const host = options.host ?? DEFAULT_HOST;
  const definitions = options.definitions ?? (await Promise.all(registeredPlatforms().map((platform) => loadSimulatorDefinition(platform))));
  const started: RunningServer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((server) => server.close()));
  };
  try {
    const simulators: Partial<Record<PlatformKey, RunningSimulator>> = {};
    const urls: Partial<Record<PlatformKey, string>> = {};
    for (const definition of definitions) {
      const simulator = await run(definition, options, 0, host);
      started.push(simulator);
      simulators[definition.platform] = simulator;
      urls[definition.platform] = simulator.url;
    }
    const system = createCaseSystem();
    const caseServer = await system.listen(0, host);
    started.push(caseServer);
    return { urls, simulators, caseSystem: { ...caseServer, system }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
