import { Router } from 'express';
import { access } from '../../domain/access/roles';
import { actorHeadersSchema, actorOf, requireReader, requireWriter } from '../actor';
import { requestInScope } from '../requests/scope';
import { requestService } from '../requests/service';
import { unitInScopeGuard } from '../scope';
import { ApiDeps } from '../deps';
import { ApiDocument, json, problemResponses } from '../openapi';
import { validated } from '../validate';
import { presentAgenda, presentDecision, presentMeeting } from './presenter';
import {
  agendaQuery,
  agendaView,
  caseDecisionsView,
  committeeParams,
  meetingBody,
  meetingPage,
  meetingResultView,
  meetingsQuery,
  requestIdParams,
} from './schema';
import { committeeService } from './service';

/** 常委会: the agenda, its meetings and what they decided on each case. */
export function committeeRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const service = committeeService(deps);
  const committeeInScope = unitInScopeGuard(
    deps.org,
    (req) => req.params.unitId,
    (unit) => `committee ${unit}`,
  );
  const agendaReader = [requireReader(access.readAgenda), committeeInScope];

  doc.path({
    method: 'get',
    path: '/api/v1/committees/{unitId}/agenda',
    summary: '议程 the standing committee’s agenda: why each item arrived, how long it waited, its decision',
    tags: ['committees'],
    request: { params: committeeParams, query: agendaQuery },
    responses: {
      200: { description: 'the agenda', ...json(agendaView) },
      400: problemResponses[400],
      404: problemResponses[404],
    },
  });
  router.get(
    '/committees/:unitId/agenda',
    ...agendaReader,
    validated({ params: committeeParams, query: agendaQuery }, async (input, res) => {
      const { state, items } = await service.agenda(input.params.unitId, input.query);
      res.json(presentAgenda(state, items));
    }),
  );

  doc.path({
    method: 'post',
    path: '/api/v1/committees/{unitId}/meetings',
    summary: '会议 record a meeting and its decision on each item; each case then follows its decision',
    tags: ['committees'],
    request: { params: committeeParams, headers: actorHeadersSchema, body: json(meetingBody) },
    responses: {
      200: {
        description: 'the meeting as recorded, and what each case made of its order',
        ...json(meetingResultView),
      },
      ...problemResponses,
    },
  });
  router.post(
    '/committees/:unitId/meetings',
    requireWriter(access.holdMeeting),
    committeeInScope,
    validated({ params: committeeParams, body: meetingBody }, async (input, res) => {
      const result = await service.holdMeeting(input.params.unitId, actorOf(res), input.body);
      res.json({ ...result, meeting: presentMeeting(result.meeting) });
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/committees/{unitId}/meetings',
    summary: 'past meetings, newest first',
    tags: ['committees'],
    request: { params: committeeParams, query: meetingsQuery },
    responses: {
      200: { description: 'a page of meetings', ...json(meetingPage) },
      400: problemResponses[400],
      404: problemResponses[404],
    },
  });
  router.get(
    '/committees/:unitId/meetings',
    ...agendaReader,
    validated({ params: committeeParams, query: meetingsQuery }, async (input, res) => {
      const { pageSize, cursor } = input.query;
      const { items, next } = await service.meetings(input.params.unitId, pageSize, cursor);
      res.json({ items: items.map(presentMeeting), pageSize, next });
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/requests/{id}/committee-decisions',
    summary: 'every decision the standing committee took on one request, oldest first',
    tags: ['committees', 'requests'],
    request: { params: requestIdParams },
    responses: {
      200: { description: 'the decisions', ...json(caseDecisionsView) },
      404: problemResponses[404],
    },
  });
  router.get(
    '/requests/:id/committee-decisions',
    requireReader(access.readRequest),
    requestInScope(requestService(deps).liveState),
    validated({ params: requestIdParams }, async (input, res) => {
      const { committeeId, decisions } = await service.decisionsOnRequest(input.params.id);
      res.json({ id: input.params.id, committeeId, decisions: decisions.map(presentDecision) });
    }),
  );
  return router;
}
