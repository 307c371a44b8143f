import { Connection } from 'mongoose';
import { Org } from '../domain/org';
import {
  Assignment,
  createDirectoryModels,
  DirectoryModels,
  OrgPersonDoc,
  OrgUnitDoc,
  StoredOrgUnitDoc,
} from './models';

const versionId = 'directory';

/** A write the store refuses because the id (or username) is taken; the API answers 409. */
export class DirectoryConflict extends Error {}

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * The org directory in MongoDB: units, people and their assignments, and the version every write
 * bumps. Reads by `_id` wherever a request waits on them (the caller's person, a login's
 * username), since FerretDB pushes down nothing else; whole-collection reads are the directory's
 * own rebuild and the administrator's pages.
 */
export class DirectoryStore {
  readonly models: DirectoryModels;

  constructor(connection: Connection) {
    this.models = createDirectoryModels(connection);
  }

  async units(): Promise<OrgUnitDoc[]> {
    return (await this.models.Unit.find().sort({ _id: 1 }).lean<StoredOrgUnitDoc[]>()).map(unitOf);
  }

  async unit(id: string): Promise<OrgUnitDoc | undefined> {
    const stored = await this.models.Unit.findById(id).lean<StoredOrgUnitDoc>();
    return stored ? unitOf(stored) : undefined;
  }

  async person(id: string): Promise<OrgPersonDoc | undefined> {
    return (await this.models.Person.findById(id).lean<OrgPersonDoc>()) ?? undefined;
  }

  /**
   * The first active person (by id) holding a role in a unit: a grid's branch secretary, a township's
   * leader. FerretDB reads the people collection for it (a county's people, not its cases); views
   * ask the live directory, which remembers it (live.ts).
   */
  async holderOf(unit: string, role: Assignment['role']): Promise<OrgPersonDoc | undefined> {
    // By unit alone, as the people pages filter (FerretDB 1.24 answers no $elemMatch here); a unit holds few people.
    const people = await this.models.Person.find({ 'assignments.unit': unit })
      .sort({ _id: 1 })
      .lean<OrgPersonDoc[]>();
    return people.find(
      (person) => !person.disabled && person.assignments.some((a) => a.unit === unit && a.role === role),
    );
  }

  async personByUsername(username: string): Promise<OrgPersonDoc | undefined> {
    const entry = await this.models.Username.findById(username).lean();
    return entry ? this.person(entry.person) : undefined;
  }

  /**
   * A page of people by id, after the cursor (the last id of the page before); with `units`, only
   * people holding a role in one of them.
   */
  async people(after: string | undefined, limit: number, units?: string[]): Promise<OrgPersonDoc[]> {
    return this.models.Person.find({
      ...(after === undefined ? {} : { _id: { $gt: after } }),
      ...(units === undefined ? {} : { 'assignments.unit': { $in: units } }),
    })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<OrgPersonDoc[]>();
  }

  /** The version every write bumps; 0 before the first. */
  async version(): Promise<number> {
    return (await this.models.Version.findById(versionId).lean())?.version ?? 0;
  }

  async createUnit(unit: OrgUnitDoc): Promise<void> {
    await this.models.Unit.create(storedUnit(unit)).catch(conflictAs(`unit ${unit._id} exists`));
    await this.bump();
  }

  async replaceUnit(unit: OrgUnitDoc): Promise<void> {
    await this.models.Unit.replaceOne({ _id: unit._id }, storedUnit(unit));
    await this.bump();
  }

  /** A new person; a login's username is claimed first, so two people cannot share one. */
  async createPerson(person: OrgPersonDoc): Promise<void> {
    if (person.login) {
      await this.models.Username.create({ _id: person.login.username, person: person._id }).catch(
        conflictAs(`username ${person.login.username} is taken`),
      );
    }
    try {
      await this.models.Person.create(person);
    } catch (err) {
      if (person.login)
        await this.models.Username.deleteOne({ _id: person.login.username, person: person._id });
      throw conflictAs(`person ${person._id} exists`)(err);
    }
    await this.bump();
  }

  async setAssignments(id: string, assignments: Assignment[]): Promise<void> {
    await this.models.Person.updateOne({ _id: id }, { $set: { assignments } });
    await this.bump();
  }

  async disable(id: string): Promise<void> {
    await this.models.Person.updateOne({ _id: id }, { $set: { disabled: true } });
    await this.bump();
  }

  /**
   * Puts the person in the directory with this assignment, whatever else they hold: the seed and the
   * e2e tests' callers. Concurrent calls for one new person race on its `_id`; the loser retries.
   */
  async ensureAssignment(id: string, name: string, assignment: Assignment): Promise<void> {
    const write = () =>
      this.models.Person.updateOne(
        { _id: id },
        { $setOnInsert: { name }, $addToSet: { assignments: assignment } },
        { upsert: true },
      );
    await write().catch((err) => (isDuplicate(err) ? write() : Promise.reject(err)));
    await this.bump();
  }

  /** Loads the org file's units into an empty directory; a unit already there (another process) stays. */
  async loadUnitsIfEmpty(org: Org): Promise<boolean> {
    if (await this.models.Unit.findOne().lean()) return false;
    const units = org.units.map(({ id, ...unit }) => storedUnit({ _id: id, ...unit }));
    await this.models.Unit.insertMany(units, { ordered: false }).catch((err) => {
      if (!isDuplicate(err)) throw err;
    });
    await this.bump();
    return true;
  }

  private async bump(): Promise<void> {
    await this.models.Version.updateOne({ _id: versionId }, { $inc: { version: 1 } }, { upsert: true });
  }
}

const storedUnit = ({ area, ...unit }: OrgUnitDoc): StoredOrgUnitDoc => ({
  ...unit,
  ...(area ? { area: JSON.stringify(area) } : {}),
});
const unitOf = ({ area, ...unit }: StoredOrgUnitDoc): OrgUnitDoc => ({
  ...unit,
  ...(area ? { area: JSON.parse(area) as OrgUnitDoc['area'] } : {}),
});

function conflictAs(message: string) {
  return (err: unknown): never => {
    throw isDuplicate(err) ? new DirectoryConflict(message) : err;
  };
}
