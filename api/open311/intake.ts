import { CategoryLabel, CategoryLeaf, CategoryTree } from '../../domain/categories/types';
import { Place } from '../../domain/places/types';
import { Policy } from '../../domain/policy/policy';
import { RequestSubmission } from '../../domain/requests/state';
import { Open311ClientDoc, requesterIdFor } from './clients';
import { Record311 } from './format';
import { CreateRequestFields } from './schema';

/**
 * Where GeoReport v2 meets Lianxin's filing: a service is a leaf of the category tree, and a
 * POSTed service request becomes the body `POST /api/v1/requests` takes, filed by the client app
 * on the resident's behalf. The one module that knows both shapes.
 */

export type Locale = 'zh' | 'en';
const say = (label: CategoryLabel, locale: Locale) => label[locale] || label.zh;

/** GET services: one realtime service per leaf; metadata false, since no leaf asks for attributes. */
export function servicesOf(tree: CategoryTree, locale: Locale): Record311[] {
  return tree.leaves.map((leaf) => ({
    service_code: leaf.code,
    service_name: say(leaf.labels.at(-1)!, locale),
    description: leaf.labels.map((l) => say(l, locale)).join(' › '),
    metadata: false,
    type: 'realtime',
    keywords: [...new Set(leaf.labels.flatMap((l) => [l.zh, l.en]).filter(Boolean))].join(', '),
    group: say(leaf.labels[0], locale),
  }));
}

/** GET services/{code}: the leaf's definition, without attributes. */
export const serviceDefinitionOf = (leaf: CategoryLeaf): Record311 => ({
  service_code: leaf.code,
  attributes: [],
});

/** The name a request's service goes by: its leaf's as filed, else (filed by SLA class alone) its class's. */
export function serviceNameOf(
  filed: Pick<RequestSubmission, 'category' | 'classification'>,
  policy: Policy,
  locale: Locale,
): string {
  const label = filed.classification?.labels.at(-1) ?? policy.categories[filed.category]?.label;
  return label ? say(label, locale) : filed.category;
}

/** The place a service request names: its point, and its address as typed. address_id has no register here. */
export function placeOf(fields: CreateRequestFields): Place {
  return {
    ...(fields.lat !== undefined && fields.long !== undefined
      ? { point: { lat: fields.lat, lng: fields.long } }
      : {}),
    ...(fields.address_string || fields.address_id
      ? { text: fields.address_string ?? `address_id ${fields.address_id}` }
      : {}),
  };
}

const titleLength = 60;

/** The words a title starts with: the description's first line, cut at a word's end where one is near. */
function titleOf(description: string | undefined, leaf: CategoryLeaf): string {
  const first = description
    ?.split('\n')
    .find((l) => l.trim())
    ?.trim();
  if (!first) return leaf.labels.at(-1)!.zh;
  return first.length <= titleLength ? first : `${first.slice(0, titleLength - 1)}…`;
}

/** The attribute answers, kept with the description for the dispatcher: no service defines any. */
function withAttributes(description: string, attributes: CreateRequestFields['attribute']): string {
  if (!attributes || !Object.keys(attributes).length) return description;
  const lines = Object.entries(attributes).map(
    ([code, value]) => `${code}: ${Array.isArray(value) ? value.join(', ') : value}`,
  );
  return `${description}\n\n附加信息 attributes:\n${lines.join('\n')}`;
}

/**
 * The body of `POST /api/v1/requests` a service request stands for. The requester is named by a
 * hash of its account, email, number or device (clients.ts), never by them; the number is kept in
 * the payload like a hotline caller's.
 */
export function filingOf(fields: CreateRequestFields, leaf: CategoryLeaf, client: Open311ClientDoc) {
  const name = [fields.first_name, fields.last_name].filter(Boolean).join(' ');
  const description = withAttributes(
    fields.description ?? leaf.labels.map((l) => l.zh).join(' › '),
    fields.attribute,
  );
  return {
    channel: client.channel,
    category: leaf.code,
    urgency: 'normal',
    title: titleOf(fields.description, leaf),
    description,
    requester: {
      id: requesterIdFor(client, fields),
      name: name || '匿名 anonymous',
      ...(fields.phone ? { phone: fields.phone } : {}),
    },
    place: placeOf(fields),
    ...(fields.media_url ? { mediaUrl: fields.media_url } : {}),
    major: false,
  };
}
