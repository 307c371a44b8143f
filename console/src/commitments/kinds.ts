import { api, ok } from '../api/client';
import type { components } from '../api/schema';

/** The three kinds of commitment, by the path the API keeps each under. */
export const commitmentPaths = ['plans', 'pairings', 'pledges'] as const;
export type CommitmentPath = (typeof commitmentPaths)[number];
export type Commitment = components['schemas']['Commitment'];
export type CommitmentListItem = components['schemas']['CommitmentListItem'];

/** What the API says the caller's role may post to this commitment (the case may still refuse). */
export type CommitmentAction = NonNullable<Commitment['actions']>[number];

export function isCommitmentPath(kind: string | undefined): kind is CommitmentPath {
  return (commitmentPaths as readonly string[]).includes(kind ?? '');
}

/**
 * The kinds share their paths' shapes and answer the same Commitment, so one typed path stands
 * for all three (the generated client knows each literal path separately).
 */
export const pathOf = <S extends string>(kind: CommitmentPath, suffix: S) =>
  `/api/v1/${kind}${suffix}` as `/api/v1/plans${S}`;

/** Posts an action (`visits`, `funds`, `deeds/d1/done`, …) to one commitment; the API decides. */
export async function act(
  kind: CommitmentPath,
  id: string,
  action: string,
  body: object,
): Promise<Commitment> {
  const path = `/api/v1/${kind}/{id}/${action}` as '/api/v1/plans/{id}/visits';
  return ok(await api.POST(path, { params: { path: { id } }, body: body as never }));
}
