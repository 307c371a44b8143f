import type { components } from '../api/schema';
import type { Where } from './WhereField';

type CreateRequest = components['schemas']['CreateRequest'];
type DuplicateSearch = components['schemas']['DuplicateSearch'];

/** What the form holds: the category as its path from the root, and where as an address or a grid. */
export interface FilingValues {
  category?: string[];
  urgency?: string;
  title?: string;
  description?: string;
  where: Where;
  place?: { community?: string; building?: string };
  gridId?: string;
  requester?: { id?: string; name?: string; phone?: string };
  channel: CreateRequest['channel'];
}

/** A field left empty is left out, so the API names it as missing rather than as blank. */
const given = (value: string | undefined) => (value?.trim() ? value : undefined);

function whereOf(values: FilingValues): Pick<CreateRequest, 'place' | 'gridId'> {
  if (values.where === 'grid') return { gridId: given(values.gridId) };
  return { place: { community: given(values.place?.community), building: given(values.place?.building) } };
}

/**
 * The body of POST /requests, as typed: what it lacks or gets wrong the API names, field by field.
 * The cast lets a missing field through to the API, whose answer the form shows beside it.
 */
export function filingBody(values: FilingValues): CreateRequest {
  return {
    channel: values.channel,
    category: values.category?.at(-1),
    urgency: values.urgency,
    title: given(values.title),
    description: given(values.description),
    requester: {
      id: given(values.requester?.id),
      name: given(values.requester?.name),
      phone: given(values.requester?.phone),
    },
    ...whereOf(values),
  } as CreateRequest;
}

/** What the duplicate search takes of the form, once it has a title and a place or grid to look near. */
export function duplicateSearchOf(values: Partial<FilingValues>): DuplicateSearch | undefined {
  const title = given(values.title)?.trim();
  const where = whereOf(values as FilingValues);
  if (!title || !(where.gridId || where.place?.community)) return undefined;
  const description = given(values.description)?.trim();
  return { title, ...(description ? { description } : {}), ...where };
}
