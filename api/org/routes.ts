import { Router } from 'express';
import { z } from 'zod';
import { OrgPersonDoc, OrgUnitDoc } from '../../directory/models';
import { hashPassword } from '../../directory/passwords';
import { assignmentProblems, FieldProblem, unitProblems } from '../../directory/rules';
import { DirectoryConflict } from '../../directory/store';
import { access } from '../../domain/access/roles';
import { directoryScope, personVisible, unitsInScope } from '../../domain/access/scope';
import { actorOf, requireAdministrator, requireCaller, requireReader } from '../actor';
import { ApiDeps } from '../deps';
import { ApiError, invalid } from '../errors';
import { ApiDocument, json, problemResponses } from '../openapi';
import { targetOf, targetInScope } from '../scope';
import { validated } from '../validate';
import { presentPerson, presentUnit } from './presenter';
import {
  assignmentsBody,
  createPersonBody,
  createUnitBody,
  disableBody,
  peoplePage,
  peopleQuery,
  personParams,
  personView,
  unitList,
  unitParams,
  unitView,
  updateUnitBody,
} from './schema';

const requirePeopleReader = requireReader(access.readPeople);

/**
 * The org directory's administration: units and people in MongoDB. Writes are the
 * administrator's (each action-logged by recordWrites, each bumping the directory's version, which
 * this process rebuilds from at once and every other within ORG_REFRESH_MS); people are read by
 * administrators and auditors, and by supervisors within their unit (domain/access/); the unit tree
 * by anyone signed in (the console draws it). A unit or person the path names is found (404) before
 * the body is read, as cases are.
 */
export function orgRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const { store } = deps.directory;
  const present = presentPerson(deps.org);
  const written = async <T>(write: Promise<T>): Promise<T> => {
    const result = await write.catch((err) => {
      throw err instanceof DirectoryConflict ? new ApiError(409, 'conflict', err.message) : err;
    });
    await deps.directory.refresh();
    return result;
  };
  const refuseUnless = (problems: FieldProblem[]) => {
    if (problems.length) throw invalid(problems);
  };
  const unitsById = async () => new Map((await store.units()).map((unit) => [unit._id, unit]));
  const unitFound = targetInScope(
    unitParams,
    ({ id }) => store.unit(id),
    ({ id }) => `unit ${id}`,
  );
  const personInScope = targetInScope(
    personParams,
    async ({ id }, actor) => {
      const person = await store.person(id);
      return person && personVisible(directoryScope(actor), person.assignments, deps.org)
        ? person
        : undefined;
    },
    ({ id }) => `person ${id}`,
  );

  const route = (
    method: 'get' | 'post' | 'patch' | 'put',
    path: string,
    summary: string,
    request: { params?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType },
    ok: { status: number; schema: z.ZodType },
  ) =>
    doc.path({
      method,
      path: `/api/v1/org${path}`,
      summary,
      tags: ['org'],
      request: {
        ...(request.params ? { params: request.params } : {}),
        ...(request.query ? { query: request.query } : {}),
        ...(request.body ? { body: json(request.body) } : {}),
      },
      responses: {
        [ok.status]: { description: 'ok', ...json(ok.schema) },
        400: problemResponses[400],
        403: problemResponses[403],
        404: problemResponses[404],
        ...(method === 'post' ? { 409: problem409 } : {}),
      },
    });

  route('get', '/units', 'Every unit of the tree, by id', {}, { status: 200, schema: unitList });
  router.get(
    '/org/units',
    requireCaller,
    validated({}, async (_input, res) => {
      res.json({ items: (await store.units()).map(presentUnit) });
    }),
  );

  route('get', '/units/{id}', 'One unit', { params: unitParams }, { status: 200, schema: unitView });
  router.get(
    '/org/units/:id',
    requireCaller,
    unitFound,
    validated({ params: unitParams }, (_input, res) => {
      res.json(presentUnit(targetOf<OrgUnitDoc>(res)));
    }),
  );

  route(
    'post',
    '/units',
    'Add a unit under a parent one rung up the ladder (administrator)',
    { body: createUnitBody },
    { status: 201, schema: unitView },
  );
  router.post(
    '/org/units',
    requireAdministrator,
    validated({ body: createUnitBody }, async ({ body }, res) => {
      const { id, ...rest } = body;
      const unit: OrgUnitDoc = { _id: id, ...rest };
      refuseUnless(unitProblems(unit, await unitsById(), deps.policy));
      await written(store.createUnit(unit));
      res.status(201).location(`/api/v1/org/units/${id}`).json(presentUnit(unit));
    }),
  );

  route(
    'patch',
    '/units/{id}',
    'Rename a unit or move it under another parent one rung up (administrator)',
    { params: unitParams, body: updateUnitBody },
    { status: 200, schema: unitView },
  );
  router.patch(
    '/org/units/:id',
    requireAdministrator,
    unitFound,
    validated({ body: updateUnitBody }, async ({ body }, res) => {
      const units = await unitsById();
      const unit = { ...targetOf<OrgUnitDoc>(res), ...body };
      refuseUnless(unitProblems(unit, units, deps.policy));
      await written(store.replaceUnit(unit));
      res.json(presentUnit(unit));
    }),
  );

  route(
    'get',
    '/people',
    'People of the directory by id, a page at a time (administrator, auditor; supervisors: those of their unit and below)',
    { query: peopleQuery },
    { status: 200, schema: peoplePage },
  );
  router.get(
    '/org/people',
    requirePeopleReader,
    validated({ query: peopleQuery }, async ({ query }, res) => {
      const units = unitsInScope(directoryScope(actorOf(res)), deps.org);
      const people = await store.people(query.cursor, query.pageSize + 1, units);
      const items = people.slice(0, query.pageSize);
      res.json({
        items: items.map(present),
        pageSize: query.pageSize,
        ...(people.length > query.pageSize ? { next: items.at(-1)!._id } : {}),
      });
    }),
  );

  route(
    'get',
    '/people/{id}',
    'One person (administrator, auditor; supervisors: one of their unit and below, else 404)',
    { params: personParams },
    {
      status: 200,
      schema: personView,
    },
  );
  router.get(
    '/org/people/:id',
    requirePeopleReader,
    personInScope,
    validated({ params: personParams }, (_input, res) => {
      res.json(present(targetOf<OrgPersonDoc>(res)));
    }),
  );

  route(
    'post',
    '/people',
    'Add a person with their assignments and, optionally, a password login (administrator)',
    { body: createPersonBody },
    { status: 201, schema: personView },
  );
  router.post(
    '/org/people',
    requireAdministrator,
    validated({ body: createPersonBody }, async ({ body }, res) => {
      const units = await unitsById();
      refuseUnless(assignmentProblems(body.assignments, (unit) => units.has(unit)));
      const person = {
        _id: body.id,
        name: body.name,
        assignments: body.assignments,
        ...(body.login
          ? {
              login: { username: body.login.username, passwordHash: await hashPassword(body.login.password) },
            }
          : {}),
      };
      await written(store.createPerson(person));
      res.status(201).location(`/api/v1/org/people/${body.id}`).json(present(person));
    }),
  );

  route(
    'put',
    '/people/{id}/assignments',
    "Replace a person's assignments; their tokens act in the new ones from the next request (administrator)",
    { params: personParams, body: assignmentsBody },
    { status: 200, schema: personView },
  );
  router.put(
    '/org/people/:id/assignments',
    requireAdministrator,
    personInScope,
    validated({ params: personParams, body: assignmentsBody }, async ({ params, body }, res) => {
      const units = await unitsById();
      refuseUnless(assignmentProblems(body.assignments, (unit) => units.has(unit)));
      await written(store.setAssignments(params.id, body.assignments));
      res.json(present((await store.person(params.id))!));
    }),
  );

  route(
    'post',
    '/people/{id}/disable',
    'Disable a person: their tokens and login stop working at once (administrator)',
    { params: personParams, body: disableBody },
    { status: 200, schema: personView },
  );
  router.post(
    '/org/people/:id/disable',
    requireAdministrator,
    personInScope,
    validated({ params: personParams, body: disableBody }, async ({ params }, res) => {
      await written(store.disable(params.id));
      res.json(present((await store.person(params.id))!));
    }),
  );
  return router;
}

const problem409 = { ...problemResponses[409], description: 'the id (or the username) is taken' };
