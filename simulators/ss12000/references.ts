/**
 * The standard's references: `{id}`, plus `displayName` when the request says
 * `expandReferenceNames=true`; person references always carry `securityMarking` (§2).
 */
import { MUNICIPALITIES, unitByCode, unitCodeSchema } from '../world/index.js';
import type { ClassGroup, SecurityMarking, UnitCode, World } from '../world/index.js';
import type { Scope } from './state.js';

export interface ObjectReference {
  readonly id: string;
  readonly displayName?: string;
}

export interface PersonReference extends ObjectReference {
  readonly securityMarking: SecurityMarking;
}

interface PersonFacts {
  readonly id: string;
  readonly name: string;
  readonly securityMarking: SecurityMarking;
}

export class References {
  private readonly ids: World['ids'];
  private groupsByKey: Map<string, ClassGroup> | null = null;

  constructor(
    private readonly scope: Scope,
    /** `expandReferenceNames=true`. */
    readonly withNames: boolean,
  ) {
    this.ids = scope.world.ids;
  }

  private named<Reference extends ObjectReference>(id: string, displayName: string, rest: Omit<Reference, 'id' | 'displayName'>): Reference {
    return (this.withNames ? { id, displayName, ...rest } : { id, ...rest }) as Reference;
  }

  /** Id, name and marking of a pupil (`p:`), guardian (`g:`) or staff member (`s:`) by world key. */
  personFacts(worldKey: string): PersonFacts {
    const { world, slice } = this.scope;
    if (worldKey.startsWith('p:')) {
      const pupil = world.pupil(worldKey);
      const id = this.ids.pupil(slice, worldKey) ?? this.ids.named(slice, 'person', worldKey);
      return { id: String(id), name: `${pupil.givenName} ${pupil.familyName}`, securityMarking: pupil.securityMarking };
    }
    if (worldKey.startsWith('g:')) {
      const guardian = world.guardian(worldKey);
      const id = this.ids.guardian(slice, worldKey) ?? this.ids.named(slice, 'person', worldKey);
      return { id: String(id), name: `${guardian.givenName} ${guardian.familyName}`, securityMarking: guardian.securityMarking };
    }
    const unit = unitCodeSchema.safeParse(worldKey.split(':')[1]);
    const staff = unit.success ? world.staff(unit.data).find((member) => member.key === worldKey) : undefined;
    return { id: this.ids.staff(slice, worldKey), name: staff ? `${staff.givenName} ${staff.familyName}` : '', securityMarking: 'Ingen' };
  }

  person(worldKey: string): PersonReference {
    const facts = this.personFacts(worldKey);
    return this.named<PersonReference>(facts.id, facts.name, { securityMarking: facts.securityMarking });
  }

  personId(worldKey: string): string {
    return this.personFacts(worldKey).id;
  }

  unitId(unit: UnitCode): string {
    return String(this.ids.unit(this.scope.slice, unit));
  }

  unit(unit: UnitCode): ObjectReference {
    return this.named(this.unitId(unit), unitByCode(unit).name, {});
  }

  huvudmanId(): string {
    return this.ids.huvudman(this.scope.slice);
  }

  huvudman(): ObjectReference {
    const municipality = MUNICIPALITIES.find((candidate) => candidate.key === this.scope.tenant);
    return this.named(this.huvudmanId(), municipality?.name ?? '', {});
  }

  private classGroup(groupKey: string): ClassGroup | undefined {
    if (!this.groupsByKey) {
      this.groupsByKey = new Map();
      for (const unit of this.scope.world.units(this.scope.slice)) {
        for (const group of this.scope.world.groups(unit.code)) this.groupsByKey.set(group.key, group);
      }
    }
    return this.groupsByKey.get(groupKey);
  }

  groupId(groupKey: string): string {
    const group = this.classGroup(groupKey);
    return group ? String(this.ids.group(this.scope.slice, group)) : this.ids.named(this.scope.slice, 'group', groupKey);
  }

  group(groupKey: string, name: string): ObjectReference {
    return this.named(this.groupId(groupKey), name, {});
  }

  activityId(groupKey: string, subjectCode: string): string {
    return this.ids.activity(this.scope.slice, groupKey, subjectCode);
  }

  activity(groupKey: string, subjectCode: string, displayName: string): ObjectReference {
    return this.named(this.activityId(groupKey, subjectCode), displayName, {});
  }
}

/** `Matematik 5A`: an activity's display name (subject, then class). */
export function activityName(subjectName: string, groupName: string): string {
  return `${subjectName} ${groupName}`;
}
