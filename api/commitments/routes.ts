import { Response, Router } from 'express';
import { z } from 'zod';
import { CommitmentKind, commitmentKinds } from '../../domain/policy/policy';
import { CommitmentCommand } from '../../domain/commitments/commands';
import { access } from '../../domain/access/roles';
import { checkOpening } from '../../domain/access/rules';
import { Role } from '../../domain/actors';
import { actorOf, requireReader, requireWriter } from '../actor';
import { listInScope, targetOf, withinReach } from '../scope';
import { commitmentInScope } from './scope';
import { ApiDeps } from '../deps';
import { ApiDocument, problemResponses, json } from '../openapi';
import { validated } from '../validate';
import { presentCommitment, presentLedger, presentListItem, presentProblem } from './presenter';
import {
  actionBodies,
  assessmentParams,
  CommitmentAction,
  commitmentIdParams,
  commitmentPage,
  commitmentTimeline,
  commitmentView,
  createBodies,
  deedParams,
  idempotencyHeaders,
  kindRoutes,
  ledgerView,
  listQueryFor,
  ProblemAction,
  problemActionBodies,
  problemParams,
  problemView,
} from './schema';
import { commitmentService } from './service';
import { listCommitments } from './list';
import { CommitmentState } from '../../domain/commitments/state';

type Command = Omit<CommitmentCommand, 'actor'>;
/** The body an action takes, whichever kind of commitment it is posted to. */
type ActionBody<A extends CommitmentAction> = z.output<
  (typeof actionBodies)[A][keyof (typeof actionBodies)[A]]
>;
type ActionParams = z.output<typeof commitmentIdParams> &
  Partial<z.output<typeof deedParams> & z.output<typeof assessmentParams>>;

/** Each action: where it lives under /{kind}/{id}, and how its body and path become a domain command. */
const actions: {
  [A in CommitmentAction]: {
    path: string;
    params: z.ZodObject<{ id: z.ZodString }>;
    summary: string;
    created?: boolean;
    command(body: ActionBody<A>, params: ActionParams): Command;
  };
} = {
  letters: {
    path: '/letters',
    params: commitmentIdParams,
    summary: '签订年度帮扶责任书 sign the annual responsibility letter with its targets',
    command: (b) => ({ type: 'signLetter', ...b }),
  },
  visits: {
    path: '/visits',
    params: commitmentIdParams,
    summary: '走访 record a follow-up visit',
    command: (b) => ({ type: 'recordVisit', ...b }),
  },
  problems: {
    path: '/problems',
    params: commitmentIdParams,
    summary: '问题 open a problem (bottleneck), a case of its own with a deadline',
    created: true,
    command: (b) => ({ type: 'openProblem', ...b }),
  },
  funds: {
    path: '/funds',
    params: commitmentIdParams,
    summary: '帮扶资金 record funds secured for the enterprise',
    command: (b) => ({ type: 'recordFunding', ...b }),
  },
  deeds: {
    path: '/deeds',
    params: commitmentIdParams,
    summary: '实事 promise a deed',
    command: (b) => ({ type: 'promiseDeed', ...b }),
  },
  deedDone: {
    path: '/deeds/:deedId/done',
    params: deedParams,
    summary: 'mark a promised deed done',
    command: (b, p) => ({ type: 'completeDeed', deedId: p.deedId, ...b }),
  },
  assessmentComment: {
    path: '/assessments/:year/comment',
    params: assessmentParams,
    summary: '年度考核 comment on a year’s assessment',
    command: (b, p) => ({ type: 'commentAssessment', year: p.year, text: b.text }),
  },
  handover: {
    path: '/handover',
    params: commitmentIdParams,
    summary: '事随人转 hand a role over to another person (supervisors; the lead for members)',
    command: (b) => ({ type: 'handover', ...b }),
  },
  suspend: {
    path: '/suspend',
    params: commitmentIdParams,
    summary: 'suspend: obligations pause (supervisors)',
    command: (b) => ({ type: 'suspend', ...b }),
  },
  resume: {
    path: '/resume',
    params: commitmentIdParams,
    summary: 'resume a suspended commitment (supervisors)',
    command: (b) => ({ type: 'resume', ...b }),
  },
  close: {
    path: '/close',
    params: commitmentIdParams,
    summary: '提前结束 close early with a final assessment (supervisors)',
    command: (b) => ({ type: 'close', ...b }),
  },
};

/** Suspending, resuming and closing early are the supervisors'; the rest the team's and theirs. */
const supervised = new Set<CommitmentAction>(['suspend', 'resume', 'close']);
const rolesFor = (action: CommitmentAction): readonly Role[] =>
  supervised.has(action) ? access.superviseCommitment : access.keepCommitment;

/** The actions a kind has whose endpoints admit a role: what a console offers it (the case may still refuse). */
function actionsAdmitting(kind: CommitmentKind, role: Role): CommitmentAction[] {
  return (Object.keys(actions) as CommitmentAction[]).filter(
    (action) => kind in actionBodies[action] && rolesFor(action).includes(role),
  );
}

const problemCommandTypes = {
  progress: 'progressProblem',
  resolve: 'resolveProblem',
  withdraw: 'withdrawProblem',
} as const;

const problemSummaries: Record<ProblemAction, string> = {
  progress: 'record progress on a problem',
  resolve: '解决 resolve a problem with its outcome',
  withdraw: 'withdraw a problem with a reason',
};

/** Express `/:id/x` as OpenAPI `/{id}/x`. */
const docPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** Enterprise plans, household pairings and members' pledges: one router, each kind under the name users know. */
export function commitmentRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  for (const kind of commitmentKinds) mountKind(router, deps, doc, kind);
  return router;
}

function mountKind(router: Router, deps: ApiDeps, doc: ApiDocument, kind: CommitmentKind): void {
  const { path, noun, tag } = kindRoutes[kind];
  const base = `/${path}`;
  const api = `/api/v1/${path}`;
  const service = commitmentService(deps, kind);
  // Every answer carrying a commitment says what it offers the caller's role.
  const offered = (res: Response) => ({ actions: actionsAdmitting(kind, actorOf(res).role) });
  const present = async (state: CommitmentState, res: Response) => ({
    ...presentCommitment(state, deps.policy, await service.ladderOf(state.submission.id)),
    ...offered(res),
  });
  const hasProblems = kind in actionBodies.problems;
  const policyLadder = deps.policy.ladder.map((level) => level.id);
  const inScope = commitmentInScope(service.liveState, noun);
  const reader = requireReader(access.readCommitment);

  const createBody = createBodies[kind];
  doc.path({
    method: 'post',
    path: api,
    summary: `open a ${noun} (${deps.policy.commitments?.[kind].label.zh ?? kind})`,
    tags: [tag],
    request: { headers: idempotencyHeaders, body: json(createBody) },
    responses: {
      201: { description: 'opened, with its first obligations', ...json(commitmentView) },
      400: problemResponses[400],
      403: problemResponses[403],
    },
  });
  router.post(
    base,
    requireWriter(access.openCommitment),
    validated({ body: createBody, headers: idempotencyHeaders }, async (input, res) => {
      const { body, headers } = input;
      const actor = actorOf(res);
      checkOpening(actor, [body.lead, ...body.members], deps.org.jurisdictionOf(body.gridId) ?? []);
      const { state, replayed } = await service.create(body, actor, headers['idempotency-key']);
      res
        .status(201)
        .set('Idempotent-Replayed', String(replayed))
        .location(`${api}/${state.submission.id}`)
        .json(
          // A new case runs on the API's policy; a replayed one on whatever policy opened it.
          replayed
            ? await present(state, res)
            : { ...presentCommitment(state, deps.policy, policyLadder), ...offered(res) },
        );
    }),
  );

  const listQuery = listQueryFor(kind);
  doc.path({
    method: 'get',
    path: api,
    summary: `list ${path} latest term start first (from the projection), a page at a time`,
    tags: [tag],
    request: { query: listQuery },
    responses: { 200: { description: 'a page', ...json(commitmentPage) }, 400: problemResponses[400] },
  });
  router.get(
    base,
    reader,
    listInScope(deps.org, 'team'),
    validated({ query: listQuery }, async (input, res) => {
      const q = input.query;
      const reached = withinReach(res, q);
      const { items, next } = reached
        ? await listCommitments(deps.models, deps.org, deps.policy, kind, reached)
        : { items: [] };
      res.json({
        items: items.map((doc) => presentListItem(doc.state as CommitmentState, deps.policy)),
        pageSize: q.pageSize,
        next,
      });
    }),
  );

  doc.path({
    method: 'get',
    path: `${api}/{id}`,
    summary: `live state of one ${noun}`,
    tags: [tag],
    request: { params: commitmentIdParams },
    responses: { 200: { description: `the ${noun}`, ...json(commitmentView) }, 404: problemResponses[404] },
  });
  router.get(
    `${base}/:id`,
    reader,
    inScope,
    validated({ params: commitmentIdParams }, async (_input, res) => {
      res.json(await present(targetOf(res), res));
    }),
  );

  doc.path({
    method: 'get',
    path: `${api}/{id}/history`,
    summary: 'timeline: who did what when, who was responsible, reminders, escalations, assessments',
    tags: [tag],
    request: { params: commitmentIdParams },
    responses: {
      200: { description: 'the timeline', ...json(commitmentTimeline) },
      404: problemResponses[404],
    },
  });
  router.get(
    `${base}/:id/history`,
    reader,
    inScope,
    validated({ params: commitmentIdParams }, (_input, res) => {
      const state = targetOf<CommitmentState>(res);
      res.json({ id: state.submission.id, entries: state.timeline });
    }),
  );

  if (kind === 'enterprise') {
    doc.path({
      method: 'get',
      path: `${api}/{id}/funds`,
      summary: '台账 the funds ledger, with totals per plan year and over the term',
      tags: [tag],
      request: { params: commitmentIdParams },
      responses: { 200: { description: 'the ledger', ...json(ledgerView) }, 404: problemResponses[404] },
    });
    router.get(
      `${base}/:id/funds`,
      reader,
      inScope,
      validated({ params: commitmentIdParams }, (_input, res) => {
        res.json(presentLedger(targetOf(res)));
      }),
    );
  }

  for (const action of Object.keys(actions) as CommitmentAction[]) {
    const body = (actionBodies[action] as Partial<Record<CommitmentKind, z.ZodType>>)[kind];
    if (!body) continue;
    const { path: suffix, params, summary, created } = actions[action];
    // The table checks each action's body against its own schema; this loop sees them all at once.
    const command = actions[action].command as (body: unknown, params: ActionParams) => Command;
    doc.path({
      method: 'post',
      path: `${api}/{id}${docPath(suffix)}`,
      summary,
      tags: [tag],
      request: { params, body: json(body) },
      responses: {
        [created ? 201 : 200]: { description: `the ${noun} after the action`, ...json(commitmentView) },
        ...problemResponses,
      },
    });
    router.post(
      `${base}/:id${suffix}`,
      requireWriter(rolesFor(action)),
      inScope,
      validated({ params, body }, async ({ params, body }, res) => {
        const state = await service.act(params.id, {
          ...command(body, params),
          actor: actorOf(res),
        } as CommitmentCommand);
        if (created) {
          const problem = state.problems[state.problems.length - 1];
          res.status(201).location(`${api}/${params.id}/problems/${problem.id}`);
        }
        res.json(await present(state, res));
      }),
    );
  }

  if (!hasProblems) return;
  doc.path({
    method: 'get',
    path: `${api}/{id}/problems/{problemId}`,
    summary: 'live state of one problem, with its own timeline',
    tags: [tag],
    request: { params: problemParams },
    responses: { 200: { description: 'the problem', ...json(problemView) }, 404: problemResponses[404] },
  });
  router.get(
    `${base}/:id/problems/:problemId`,
    reader,
    inScope,
    validated({ params: problemParams }, async (input, res) => {
      const { id, problemId } = input.params;
      const [problem, ladder] = await Promise.all([
        service.problemState(id, problemId, targetOf(res)),
        service.ladderOf(id),
      ]);
      res.json(presentProblem(problem, ladder));
    }),
  );

  for (const action of Object.keys(problemActionBodies) as ProblemAction[]) {
    const body = problemActionBodies[action];
    doc.path({
      method: 'post',
      path: `${api}/{id}/problems/{problemId}/${action}`,
      summary: problemSummaries[action],
      tags: [tag],
      request: { params: problemParams, body: json(body) },
      responses: {
        200: { description: 'the problem after the action', ...json(problemView) },
        ...problemResponses,
      },
    });
    router.post(
      `${base}/:id/problems/:problemId/${action}`,
      requireWriter(access.keepCommitment),
      inScope,
      validated({ params: problemParams, body }, async (input, res) => {
        const v = input;
        const command = {
          type: problemCommandTypes[action],
          problemId: v.params.problemId,
          ...v.body,
          actor: actorOf(res),
        } as CommitmentCommand;
        const state = await service.actOnProblem(v.params.id, v.params.problemId, command);
        res.json(presentProblem(state, await service.ladderOf(v.params.id)));
      }),
    );
  }
}
