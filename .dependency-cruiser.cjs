/**
 * The one-way dependency rules of DESIGN.md §2:
 *   connectors → core;  workers → connectors, core;  server → core, workers;
 *   simulators → core/model only;  core → nothing outside core;  no cycles anywhere.
 * config/ and bin/ sit at the edge: config may use core; bin may use everything.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles make modules impossible to read alone.',
      from: {}, to: { circular: true } },
    { name: 'core-is-self-contained', severity: 'error', comment: 'core/ imports nothing from the other folders.',
      from: { path: '^core/' }, to: { path: '^(connectors|workers|server|simulators|config|bin|bench|test)/' } },
    { name: 'connectors-only-core', severity: 'error', comment: 'connectors/ may import core/ only.',
      from: { path: '^connectors/' }, to: { path: '^(workers|server|simulators|config|bin|bench|test)/' } },
    { name: 'workers-no-server', severity: 'error', comment: 'workers/ import connectors/ and core/, never server/.',
      from: { path: '^workers/' }, to: { path: '^(server|simulators|bin|bench|test)/' } },
    { name: 'server-no-connectors', severity: 'error', comment: 'server/ imports core/ and workers/, never a connector.',
      from: { path: '^server/' }, to: { path: '^(connectors|simulators|bin|bench|test)/' } },
    { name: 'simulators-only-model', severity: 'error', comment: 'simulators/ import only core/model.',
      from: { path: '^simulators/' }, to: { path: '^(core/(?!model/)|connectors|workers|server|config|bin|bench)' } },
    { name: 'config-only-core', severity: 'error', comment: 'config/ describes; it runs nothing.',
      from: { path: '^config/' }, to: { path: '^(connectors|workers|server|simulators|bin|bench|test)/' } },
    { name: 'not-to-test-from-source', severity: 'error', comment: 'Production code never imports a test file.',
      from: { pathNot: '(\\.test\\.ts$|^test/)' }, to: { path: '(\\.test\\.ts$|^test/)' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
