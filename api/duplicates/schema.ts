import { z } from 'zod';
import '../openapi';
import { label, prose } from '../caseSchemas';
import { requestStatuses } from '../../domain/requests/state';
import { createRequestBody } from '../requests/schema';

/** What a filer has typed so far: the filing's title, description and grid, as `POST /requests` takes them. */
export const duplicateSearchBody = z
  .object({
    title: createRequestBody.shape.title,
    description: prose(5000).optional(),
    // Required here: a filing by place finds its grid first (GET /places/grid).
    gridId: createRequestBody.shape.gridId.unwrap(),
  })
  .strict()
  .openapi('DuplicateSearch');

/** A candidate shows what a request list shows of it, never the requester or the description. */
const candidateView = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(requestStatuses),
  statusLabel: label,
  gridId: z.string(),
  sameGrid: z
    .boolean()
    .openapi({ description: 'in the filing’s grid; else in another grid of its village or community' }),
  submittedAt: z.string(),
  score: z
    .number()
    .openapi({ description: 'similarity of the texts, 0–1 (cosine of TF-IDF weighted terms)' }),
});

export const duplicatesView = z
  .object({
    candidates: z.array(candidateView),
    windowDays: z.number().int(),
    minScore: z.number(),
  })
  .openapi('DuplicateCandidates');
