/** The SS 12000 connector (platforms/ss12000.md). */
export { createSs12000Connector, SS12000_STREAMS, Ss12000CheckpointSchema, Ss12000ConfigSchema } from './connector.js';
export type { Ss12000Checkpoint, Ss12000Config, Ss12000Options } from './connector.js';
export { mapAbsence, mapEnrolments, mapGroup, mapGuardianRelations, mapOrganisation, mapPerson, PLATFORM } from './mapping.js';
export type { MappingContext } from './mapping.js';
