import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Connection, Model, Schema } from 'mongoose';
import { Actor } from '../../domain/actors';

/** The channels an Open311 client app files through: each of its filings carries it. */
export const clientChannels = ['app', 'web'] as const;
export type ClientChannel = (typeof clientChannels)[number];

/** An app allowed to file through Open311 (FixMyStreet, a city's own app), found by the id its key starts with. */
export interface Open311ClientDoc {
  _id: string;
  name: string;
  channel: ClientChannel;
  /** The township whose dispatch queue takes the app's reports that no grid covers */
  township?: string;
  /** SHA-256 of the key's secret part, hex: the key itself is shown once and never stored */
  keyHash: string;
  /** Keys the hashes that stand for this app's residents in requester ids (never their email or number) */
  requesterSalt: string;
  enabled: boolean;
  createdAt: string;
  createdBy: string;
  disabledAt?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A key is `<client id>.<secret>`: the id finds the app by `_id`, the secret is checked against its hash. */
const keyPattern = /^(o311-[a-f0-9]{12})\.([A-Za-z0-9_-]{43})$/;

/**
 * The Open311 client apps in MongoDB (`open311_clients`), read by `_id` only. Each filing
 * checks its api_key with one lookup; the list is the administrator's.
 */
export class Open311Clients {
  private readonly model: Model<Open311ClientDoc>;

  constructor(connection: Connection) {
    this.model =
      (connection.models.Open311Client as Model<Open311ClientDoc> | undefined) ??
      connection.model<Open311ClientDoc>(
        'Open311Client',
        new Schema<Open311ClientDoc>(
          {
            _id: String,
            name: String,
            channel: String,
            township: String,
            keyHash: String,
            requesterSalt: String,
            enabled: Boolean,
            createdAt: String,
            createdBy: String,
            disabledAt: String,
          },
          { versionKey: false, collection: 'open311_clients' },
        ),
      );
  }

  /** Registers an app; its key is in the answer only. */
  async add(
    app: { name: string; channel: ClientChannel; township?: string },
    createdBy: string,
  ): Promise<{ client: Open311ClientDoc; apiKey: string }> {
    const id = `o311-${randomBytes(6).toString('hex')}`;
    const secret = randomBytes(32).toString('base64url');
    const client: Open311ClientDoc = {
      _id: id,
      ...app,
      keyHash: sha256(secret),
      requesterSalt: randomBytes(32).toString('base64url'),
      enabled: true,
      createdAt: new Date().toISOString(),
      createdBy,
    };
    await this.model.create(client);
    return { client, apiKey: `${id}.${secret}` };
  }

  async list(): Promise<Open311ClientDoc[]> {
    return this.model.find().sort({ _id: 1 }).limit(1000).lean<Open311ClientDoc[]>();
  }

  async get(id: string): Promise<Open311ClientDoc | undefined> {
    return (await this.model.findById(id).lean<Open311ClientDoc>()) ?? undefined;
  }

  /** Turns an app's key off for good; its filings stay. Undefined for an unknown app. */
  async disable(id: string): Promise<Open311ClientDoc | undefined> {
    const doc = await this.model
      .findByIdAndUpdate(id, { enabled: false, disabledAt: new Date().toISOString() }, { new: true })
      .lean<Open311ClientDoc>();
    return doc ?? undefined;
  }

  /** The enabled app a key belongs to, or undefined for a malformed, unknown, wrong or disabled key. */
  async byKey(apiKey: string): Promise<Open311ClientDoc | undefined> {
    const [, id, secret] = keyPattern.exec(apiKey) ?? [];
    if (!id) return undefined;
    const client = await this.get(id);
    if (!client?.enabled) return undefined;
    const given = Buffer.from(sha256(secret), 'hex');
    const stored = Buffer.from(client.keyHash, 'hex');
    return given.length === stored.length && timingSafeEqual(given, stored) ? client : undefined;
  }
}

/**
 * Who files when an app does: a seat filing on residents' behalf, as the hotline's is (it files
 * for anyone, anywhere, and reads nothing through /api/v1), named for the app in the action log
 * and as each request's `filedBy`. Its unit is the app's township when it has one: a place no grid
 * covers goes to that township's dispatch queue, as a filer's own township takes it.
 */
export function clientActor(client: Pick<Open311ClientDoc, '_id' | 'township'>): Actor {
  return { id: `open311:${client._id}`, role: 'hotline_operator', unit: client.township ?? 'open311' };
}

/**
 * The requester an app's filing stands for: the same account, email, number or device gives the
 * same id, keyed by the app's salt, so the id carries none of them.
 */
export function requesterIdFor(
  client: Pick<Open311ClientDoc, '_id' | 'requesterSalt'>,
  who: { account_id?: string; email?: string; phone?: string; device_id?: string },
): string {
  const [kind, value] = who.account_id
    ? ['account', who.account_id]
    : who.email
      ? ['email', who.email.toLowerCase()]
      : who.phone
        ? ['phone', who.phone.replace(/[^0-9+]/g, '')]
        : who.device_id
          ? ['device', who.device_id]
          : ['anonymous', ''];
  const digest = createHmac('sha256', client.requesterSalt).update(`${kind}\u0000${value}`).digest('hex');
  return `${client._id}-${digest.slice(0, 24)}`;
}
