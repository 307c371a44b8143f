import { newKey, PayloadKeys } from '../../config/payloadKeys';

/** A key ring of one fresh key, as `npm start` makes for a new data folder: each test system has its own. */
export function testKeys(): PayloadKeys {
  const { id, key } = newKey();
  return new PayloadKeys({ active: id, keys: new Map([[id, key]]) });
}

/** The same keys as PAYLOAD_KEYS, for a worker or CLI run as a child process. */
export function keyList(keys: PayloadKeys): string {
  const ids = [keys.activeId, ...keys.ids.filter((id) => id !== keys.activeId)];
  return ids.map((id) => `${id}:${keys.key(id)!.toString('base64')}`).join(',');
}
