import { Connection, Model, Schema } from 'mongoose';
import { PersonRole } from '../domain/actors';
import { GridAddress, GridArea } from '../domain/places/gridPlaces';

/** One unit of the org tree (a grid branch, a village or community, a township, the county's committee). */
export interface OrgUnitDoc {
  _id: string;
  /** Its rung on the policy's ladder */
  level: string;
  /** The unit one rung up; absent at the top */
  parent?: string;
  /** The grid id requests are filed under, on grid units only */
  grid?: string;
  name: { zh: string; en: string };
  /** Grid units only: the communities and buildings the grid covers (domain/places/) */
  addresses?: GridAddress[];
  /** Grid units only: its area, a GeoJSON Polygon in lng/lat */
  area?: GridArea;
}

/**
 * A unit as MongoDB holds it: its area as GeoJSON text, because FerretDB 1.24 refuses nested
 * arrays (a polygon's coordinates). Only the store reads and writes this shape.
 */
export type StoredOrgUnitDoc = Omit<OrgUnitDoc, 'area'> & { area?: string };

/** A role a person holds in a unit: what an actor acting for them is. */
export interface Assignment {
  role: PersonRole;
  unit: string;
}

/** A password login for the built-in issuer (demo and local users; an office's OIDC provider needs none). */
export interface PasswordLogin {
  username: string;
  /** `scrypt$N$r$p$salt$hash` (directory/passwords.ts) */
  passwordHash: string;
}

/** A person of the directory: a token's subject is their id. */
export interface OrgPersonDoc {
  _id: string;
  name: string;
  assignments: Assignment[];
  login?: PasswordLogin;
  /** A disabled person's tokens stop working at once: every request reads the person */
  disabled?: boolean;
}

/** A username, keyed by itself: login reads it by `_id`, and two people cannot take the same one. */
export interface OrgUsernameDoc {
  _id: string;
  person: string;
}

/** Bumped by every directory write; each process compares it every few seconds and rebuilds its directory. */
export interface OrgVersionDoc {
  _id: string;
  version: number;
}

export interface DirectoryModels {
  Unit: Model<StoredOrgUnitDoc>;
  Person: Model<OrgPersonDoc>;
  Username: Model<OrgUsernameDoc>;
  Version: Model<OrgVersionDoc>;
}

export function createDirectoryModels(connection: Connection): DirectoryModels {
  const name = { zh: { type: String, required: true }, en: { type: String, required: true } };
  const unit = new Schema<StoredOrgUnitDoc>(
    {
      _id: String,
      level: { type: String, required: true },
      parent: String,
      grid: String,
      name,
      addresses: {
        type: [
          {
            _id: false,
            community: { type: String, required: true },
            buildings: { type: [String], default: undefined },
          },
        ],
        default: undefined,
      },
      area: String,
    },
    { versionKey: false, collection: 'org_units' },
  );
  const person = new Schema<OrgPersonDoc>(
    {
      _id: String,
      name: { type: String, required: true },
      assignments: [
        { _id: false, role: { type: String, required: true }, unit: { type: String, required: true } },
      ],
      login: {
        type: new Schema({ username: String, passwordHash: String }, { _id: false }),
        required: false,
      },
      disabled: Boolean,
    },
    { versionKey: false, collection: 'org_people' },
  );
  const username = new Schema<OrgUsernameDoc>(
    { _id: String, person: { type: String, required: true } },
    { versionKey: false, collection: 'org_usernames' },
  );
  const version = new Schema<OrgVersionDoc>(
    { _id: String, version: { type: Number, required: true } },
    { versionKey: false, collection: 'org_version' },
  );
  return {
    Unit: connection.model<StoredOrgUnitDoc>('OrgUnit', unit),
    Person: connection.model<OrgPersonDoc>('OrgPerson', person),
    Username: connection.model<OrgUsernameDoc>('OrgUsername', username),
    Version: connection.model<OrgVersionDoc>('OrgVersion', version),
  };
}
