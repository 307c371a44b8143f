import { Router } from 'express';
import { hashPassword, verifyPassword } from '../../directory/passwords';
import { actorOf, requireCaller } from '../actor';
import { ApiDeps } from '../deps';
import { invalidField, notFound, unauthenticated } from '../errors';
import { ApiDocument, json, problemResponses, publicOperation } from '../openapi';
import { presentAssignment } from '../org/presenter';
import { validated } from '../validate';
import { consoleSignInView, jwksView, loginBody, loginView, meView } from './schema';

/** One answer for an unknown user, a wrong password and a disabled person: it says nothing about which. */
const loginRefused = () => unauthenticated('wrong username or password', false);

/**
 * How the console signs in; the built-in issuer's public keys and its password login (for the demo
 * users and the console), both on only when no OIDC provider is configured; and `/me`, whoever issued the token.
 */
export function authRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const { issuer } = deps.identity;
  // An unknown username still costs one scrypt, so the answer's timing does not tell it apart.
  const decoy = hashPassword('not a password of anyone');
  doc.path({
    method: 'get',
    path: '/api/v1/auth/jwks.json',
    summary: "The built-in issuer's public signing keys (JWKS); 404 when an OIDC provider issues the tokens",
    tags: ['auth'],
    ...publicOperation,
    responses: { 200: { description: 'the key set', ...json(jwksView) }, 404: problemResponses[404] },
  });
  router.get(
    '/auth/jwks.json',
    validated({}, async (_input, res) => {
      if (!issuer) throw notFound('the built-in issuer (tokens come from AUTH_JWKS_URL)');
      res.set('Cache-Control', 'public, max-age=300').json(await issuer.keys.jwks());
    }),
  );
  doc.path({
    method: 'get',
    path: '/api/v1/auth/config',
    summary: 'How the console signs in: by password (built-in issuer) or through the OIDC provider',
    tags: ['auth'],
    ...publicOperation,
    responses: {
      200: { description: 'the sign-in mode and, for OIDC, the provider', ...json(consoleSignInView) },
    },
  });
  router.get(
    '/auth/config',
    validated({}, async (_input, res) => {
      res.json(deps.identity.consoleSignIn);
    }),
  );
  doc.path({
    method: 'post',
    path: '/api/v1/auth/login',
    summary:
      'Log in a user of the org directory with a password; answers a bearer token (built-in issuer only)',
    tags: ['auth'],
    ...publicOperation,
    request: { body: json(loginBody) },
    responses: {
      200: { description: 'a token and who it is for', ...json(loginView) },
      400: {
        ...problemResponses[400],
        description: 'a malformed body, or `actingAs` naming an assignment the person does not hold',
      },
      401: { description: 'wrong username or password (one answer for both)' },
      404: problemResponses[404],
    },
  });
  router.post(
    '/auth/login',
    validated({ body: loginBody }, async ({ body }, res) => {
      if (!issuer) throw notFound('password login (tokens come from the OIDC provider)');
      const person = await deps.directory.store.personByUsername(body.username);
      const stored = person?.login?.username === body.username ? person.login.passwordHash : await decoy;
      const matches = await verifyPassword(body.password, stored);
      if (!person || !matches || person.disabled || !person.assignments.length) throw loginRefused();
      const { actingAs } = body;
      if (actingAs && !person.assignments.some((a) => a.role === actingAs.role && a.unit === actingAs.unit))
        throw invalidField(
          'body.actingAs',
          `${actingAs.role} of ${actingAs.unit} is not an assignment you hold`,
        );
      const { token, expiresAt } = await issuer.issue(person._id, actingAs ?? {});
      res.json({
        token,
        expiresAt,
        person: { id: person._id, name: person.name },
        assignments: person.assignments.map(presentAssignment(deps.org)),
      });
    }),
  );
  doc.path({
    method: 'get',
    path: '/api/v1/me',
    summary:
      'Who the token is: the person, the assignment it acts in, and all their assignments with unit names',
    tags: ['auth'],
    responses: { 200: { description: 'the caller', ...json(meView) } },
  });
  router.get(
    '/me',
    requireCaller,
    validated({}, async (_input, res) => {
      const actor = actorOf(res);
      const person = await deps.directory.store.person(actor.id);
      if (!person) throw unauthenticated(`${actor.id} is not an active person of the org directory`, true);
      res.json({
        person: { id: person._id, name: person.name },
        actingAs: { role: actor.role, unit: actor.unit },
        assignments: person.assignments.map(presentAssignment(deps.org)),
      });
    }),
  );
  return router;
}
