import { Router } from 'express';
import { actorOf, requireReader, requireWriter } from '../actor';
import { ApiDeps } from '../deps';
import { invalidField, notFound } from '../errors';
import { ApiDocument, json, problemResponses } from '../openapi';
import { validated } from '../validate';
import { Open311ClientDoc, Open311Clients } from './clients';
import { clientList, clientParams, createClientBody, createdClientView, clientView } from './schema';

const administrators = ['administrator'] as const;

const presentClient = (c: Open311ClientDoc) => ({
  id: c._id,
  name: c.name,
  channel: c.channel,
  ...(c.township ? { township: c.township } : {}),
  enabled: c.enabled,
  createdAt: c.createdAt,
  createdBy: c.createdBy,
  ...(c.disabledAt ? { disabledAt: c.disabledAt } : {}),
});

/** The administrator's Open311 client apps: register one (its key shown once), list them, disable one. */
export function open311ClientRoutes(
  clients: Open311Clients,
  deps: Pick<ApiDeps, 'org' | 'policy'>,
  doc: ApiDocument,
): Router {
  const router = Router();
  const responses = { 400: problemResponses[400], 403: problemResponses[403] };

  doc.path({
    method: 'post',
    path: '/api/v1/open311/clients',
    summary: 'Register an Open311 client app; the answer holds its api_key, shown this once (administrator)',
    tags: ['open311'],
    request: { body: json(createClientBody) },
    responses: { 201: { description: 'registered', ...json(createdClientView) }, ...responses },
  });
  router.post(
    '/open311/clients',
    requireWriter(administrators),
    validated({ body: createClientBody }, async ({ body }, res) => {
      const townships = deps.policy.ladder.length - 2;
      if (body.township !== undefined && deps.org.levelOf(body.township) !== townships)
        throw invalidField(
          'body.township',
          `${body.township} is not a ${deps.policy.ladder[townships].id} unit`,
        );
      const { client, apiKey } = await clients.add(body, actorOf(res).id);
      res
        .status(201)
        .location(`/api/v1/open311/clients/${client._id}`)
        .json({ client: presentClient(client), apiKey });
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/open311/clients',
    summary: 'The Open311 client apps, without their keys (administrator)',
    tags: ['open311'],
    responses: { 200: { description: 'the apps', ...json(clientList) }, ...responses },
  });
  router.get(
    '/open311/clients',
    requireReader(administrators),
    validated({}, async (_input, res) => {
      res.json({ items: (await clients.list()).map(presentClient) });
    }),
  );

  doc.path({
    method: 'post',
    path: '/api/v1/open311/clients/{clientId}/disable',
    summary: 'Disable a client app: its api_key files no more (administrator)',
    tags: ['open311'],
    request: { params: clientParams },
    responses: {
      200: { description: 'disabled', ...json(clientView) },
      ...responses,
      404: problemResponses[404],
    },
  });
  router.post(
    '/open311/clients/:clientId/disable',
    requireWriter(administrators),
    validated({ params: clientParams }, async ({ params }, res) => {
      const client = await clients.disable(params.clientId);
      if (!client) throw notFound(`Open311 client ${params.clientId}`);
      res.json(presentClient(client));
    }),
  );
  return router;
}
