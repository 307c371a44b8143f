import { RequestHandler, Router } from 'express';
import { recordWrites } from '../actionLog';
import { temporalDeadline } from '../dependencies';
import { ApiDeps } from '../deps';
import { ApiError, forbidden, invalid, notFound } from '../errors';
import { checkFiling } from '../../domain/access/rules';
import { filingPlaceOf, filingUnits } from '../requests/filingPlace';
import { perIpLimit, perUserLimit, RateLimits } from '../rateLimits';
import { idempotencyHeaders, createRequestBody } from '../requests/schema';
import { requestService } from '../requests/service';
import { listRequests } from '../requests/list';
import { markRouteBase } from '../routeLabel';
import { validated } from '../validate';
import { requestStateFrom, StoredRequestState, CitizenRequestState } from '../../domain/requests/state';
import { open311Bodies } from './bodies';
import { clientActor, Open311ClientDoc, Open311Clients } from './clients';
import { open311Errors, roots, sendList, sendObject } from './format';
import { filingOf, Locale, serviceDefinitionOf, servicesOf } from './intake';
import { open311Status, presentOpen311Request, serviceCodeOf } from './presenter';
import { requestWindow } from './window';
import {
  createRequestFields,
  formatOnly,
  readQuery,
  requestParams,
  requestsQuery,
  serviceParams,
  servicesQuery,
  tokenParams,
} from './schema';

/**
 * GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2: services from the
 * category tree, service requests filed into and read from the request workflow. Reads need no
 * key and show no requester; a filing needs an enabled client app's api_key (clients.ts), files as
 * that app, and is in the action log under it. This router parses its own bodies (forms or JSON),
 * limits its own rate and answers every error in the specification's `errors` format.
 */
export function open311Routes(deps: ApiDeps, clients: Open311Clients, rateLimits: RateLimits): Router {
  const router = Router();
  const service = requestService(deps);
  const tree = () => deps.categories;
  const view = (locale: Locale | undefined) => ({
    tree: tree(),
    org: deps.org,
    policy: deps.policy,
    locale: locale ?? 'zh',
  });
  const stateOf = async (id: string): Promise<CitizenRequestState | undefined> => {
    const doc = await deps.models.RequestState.findById(id).lean();
    return doc ? requestStateFrom(doc.state as StoredRequestState) : undefined;
  };

  const deadline = temporalDeadline(deps.temporal, deps.temporalDeadlineMs ?? 120_000);

  router.use(markRouteBase);
  router.use(perIpLimit(rateLimits));
  router.use(
    recordWrites(deps.actionLogOutbox, (requestId, err) =>
      deps.log.error({ err, requestId }, 'action log entry not recorded'),
    ),
  );

  router.get(
    '/services.:format',
    validated({ params: formatOnly, query: servicesQuery }, ({ params, query }, res) =>
      sendList(res, params.format, roots.services, servicesOf(tree(), query.locale ?? 'zh')),
    ),
  );

  router.get(
    '/services/:service_code.:format',
    validated({ params: serviceParams, query: readQuery }, ({ params }, res) => {
      const leaf = tree().leaf(params.service_code);
      if (!leaf) throw notFound(`service_code ${params.service_code}`);
      sendObject(res, params.format, 'service_definition', serviceDefinitionOf(leaf));
    }),
  );

  const requireApiKey: RequestHandler = (req, res, next) => {
    const key = (req.body as { api_key?: unknown } | undefined)?.api_key;
    if (typeof key !== 'string' || !key)
      return next(forbidden('api_key missing -- can’t proceed with create_request'));
    clients.byKey(key).then((client) => {
      if (!client) return next(forbidden('Invalid api_key received -- can’t proceed with create_request'));
      res.locals.open311Client = client;
      res.locals.actor = clientActor(client);
      next();
    }, next);
  };

  router.post(
    '/requests.:format',
    open311Bodies,
    requireApiKey,
    perUserLimit(rateLimits),
    deadline,
    validated(
      { params: formatOnly, body: createRequestFields, headers: idempotencyHeaders },
      async ({ params, body, headers }, res) => {
        const leaf = tree().leaf(body.service_code);
        if (!leaf) throw notFound(`service_code ${body.service_code}`);
        const client = res.locals.open311Client as Open311ClientDoc;
        const filing = createRequestBody.safeParse(filingOf(body, leaf, client));
        if (!filing.success)
          throw invalid(
            filing.error.issues.map((i) => ({ field: ['filing', ...i.path].join('.'), message: i.message })),
          );
        const filer = clientActor(client);
        const where = filingPlaceOf(deps.org, deps.policy, filing.data, filer);
        checkFiling(filer, filing.data.requester.id, filingUnits(deps.org, deps.policy, where, filer));
        const { state } = await service.create(filing.data, where, filer, headers['idempotency-key']);
        const first = state.deadlines.find((d) => !d.id.startsWith('committee:'));
        res.location(`/open311/v2/requests/${state.submission.id}.${params.format}`);
        sendList(
          res,
          params.format,
          roots.requests,
          [
            {
              service_request_id: state.submission.id,
              service_notice: first
                ? `已受理，${first.purpose} 期限 ${first.dueAt} received; ${first.purpose} due by ${first.dueAt}`
                : null,
              account_id: body.account_id ?? null,
            },
          ],
          201,
        );
      },
    ),
  );

  router.get(
    '/requests.:format',
    deadline,
    validated({ params: formatOnly, query: requestsQuery }, async ({ params, query }, res, req) => {
      const shown = view(query.locale);
      if (query.service_request_id) {
        const states = await Promise.all([...new Set(query.service_request_id)].map(stateOf));
        const found = states.filter((s): s is CitizenRequestState => !!s);
        return sendList(
          res,
          params.format,
          roots.requests,
          found.map((s) => presentOpen311Request(s, shown)),
        );
      }
      const window = requestWindow(query.start_date, query.end_date, Date.now());
      const codes = query.service_code && new Set(query.service_code);
      const statuses = query.status && new Set(query.status);
      const onlyLeaf = codes?.size === 1 ? tree().leaf([...codes][0]) : undefined;
      const { items, next } = await listRequests(deps.models, deps.org, {
        from: window.fromDay,
        to: window.toDay,
        pageSize: query.page_size,
        cursor: query.cursor,
        ...(onlyLeaf ? { categoryNode: { level: onlyLeaf.path.length, code: onlyLeaf.code } } : {}),
      });
      const wanted = items.filter(
        (doc) =>
          doc.submittedAt >= window.start &&
          doc.submittedAt <= window.end &&
          (!codes || codes.has(serviceCodeOf(doc))) &&
          (!statuses || statuses.has(open311Status(doc.status))),
      );
      const states = await Promise.all(wanted.map((doc) => stateOf(doc._id)));
      if (next) {
        const url = new URL(req.originalUrl, 'http://open311');
        url.searchParams.set('cursor', next);
        res.links({ next: `${url.pathname}${url.search}` });
      }
      sendList(
        res,
        params.format,
        roots.requests,
        states.filter((s): s is CitizenRequestState => !!s).map((s) => presentOpen311Request(s, shown)),
      );
    }),
  );

  router.get(
    '/requests/:id.:format',
    deadline,
    validated({ params: requestParams, query: readQuery }, async ({ params, query }, res) => {
      const state = await service.liveState(params.id);
      sendList(res, params.format, roots.requests, [presentOpen311Request(state, view(query.locale))]);
    }),
  );

  /** A filing answers its service_request_id at once; a token is that id, and still resolves. */
  router.get(
    '/tokens/:token.:format',
    deadline,
    validated({ params: tokenParams, query: readQuery }, async ({ params }, res) => {
      await service.liveState(params.token).catch((err: unknown) => {
        throw err instanceof ApiError && err.status === 404 ? notFound(`token ${params.token}`) : err;
      });
      sendList(res, params.format, roots.requests, [
        { service_request_id: params.token, token: params.token },
      ]);
    }),
  );

  router.use((req, _res, next) => next(notFound(`resource ${req.method} ${req.baseUrl}${req.path}`)));
  router.use(open311Errors);
  return router;
}
