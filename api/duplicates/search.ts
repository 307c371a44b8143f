import { RequestDoc } from '../../activities/db/models';
import { openUnitField } from '../../activities/db/listShapes';
import { Actor } from '../../domain/actors';
import { requestFacts } from '../../domain/access/facts';
import { seesEveryCandidate } from '../../domain/access/rules';
import { caseVisible, scopeOf } from '../../domain/access/scope';
import {
  atMostVisible,
  Candidate,
  defaultDuplicateSettings,
  neighbourhoodLevel,
  Probe,
  rankDuplicates,
  StoredFiling,
} from '../../domain/duplicates/candidates';
import { requestStateFrom, statusLabels, StoredRequestState } from '../../domain/requests/state';
import { ApiDeps } from '../deps';

type Listed = StoredFiling & Pick<RequestDoc, 'title' | 'gridId' | 'assignee'>;

const read = ['_id', 'status', 'units', 'submittedAt', 'terms', 'title', 'gridId', 'assignee'].join(' ');

/**
 * The open requests of the probe's village or community (its grid's when it has none): one
 * equality on `openUnit<level>`, whose index holds exactly the open requests of that unit, so the
 * read costs what the neighbourhood has open, not what is stored. The window and the score are
 * applied here, in memory.
 */
async function neighbours(deps: Pick<ApiDeps, 'models'>, probe: Probe): Promise<Listed[]> {
  const level = neighbourhoodLevel(probe.jurisdiction);
  const docs = await deps.models.Request.find({ [openUnitField(level)]: probe.jurisdiction[level] })
    .select(read)
    .lean<RequestDoc[]>();
  return docs.flatMap((doc) =>
    doc.terms
      ? [
          {
            id: doc._id,
            status: doc.status,
            units: doc.units,
            submittedAt: doc.submittedAt,
            terms: doc.terms,
            title: doc.title,
            gridId: doc.gridId,
            assignee: doc.assignee,
          },
        ]
      : [],
  );
}

/**
 * Whether the caller may see a candidate: a hotline operator every one (domain/access/rules.ts); unit
 * staff by the jurisdiction and assignee its list document holds; callers whose scope is the cases
 * naming them by the request's stored state, read by id for the ranked candidates only.
 */
function visibleTo(deps: Pick<ApiDeps, 'models'>, actor: Actor) {
  if (seesEveryCandidate(actor)) return async () => true;
  const scope = scopeOf(actor);
  const tiedBeyondList = !!scope.person?.ties.some((tie) => tie !== 'assignee');
  return async (candidate: Listed): Promise<boolean> => {
    if (caseVisible(scope, { jurisdiction: candidate.units, assignee: candidate.assignee })) return true;
    if (!tiedBeyondList) return false;
    const stored = await deps.models.RequestState.findById(candidate.id).lean();
    return !!stored && caseVisible(scope, requestFacts(requestStateFrom(stored.state as StoredRequestState)));
  };
}

const present = ({ id, title, status, gridId, sameGrid, submittedAt, score }: Candidate<Listed>) => ({
  id,
  title,
  status,
  statusLabel: statusLabels[status],
  gridId,
  sameGrid,
  submittedAt,
  score,
});

/** The duplicate candidates of a filing the caller may see, best first (domain/duplicates/candidates.ts). */
export async function findDuplicates(
  deps: Pick<ApiDeps, 'models' | 'duplicates'>,
  probe: Probe,
  actor: Actor,
) {
  const settings = deps.duplicates ?? defaultDuplicateSettings;
  const ranked = rankDuplicates(probe, await neighbours(deps, probe), settings);
  const shown = await atMostVisible(ranked, visibleTo(deps, actor), settings.maxCandidates);
  return { candidates: shown.map(present), windowDays: settings.windowDays, minScore: settings.minScore };
}
