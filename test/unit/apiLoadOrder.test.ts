/**
 * `.openapi()` exists on zod schemas made after api/openapi.ts extends zod; one made in domain/ or
 * directory/ first (the worker, the directory, `npm start`'s API loading its directory before its
 * routes) lacks it, and an API schema calling it on such a schema stops the API at start. Each entry
 * point's first imports are loaded before the app here, in a fresh module registry.
 */
const firstImports = [
  '../../directory/live',
  '../../activities/db/models',
  '../../domain/org',
  '../../domain/places/match',
  '../../domain/categories/tree',
  '../../domain/requests/transitions',
  '../../domain/policy/policy',
  '../../reconcile/collection',
];

describe('the API loads whatever was imported before it', () => {
  test.each(firstImports)(
    'When %s is imported first, then the app and its OpenAPI schemas load',
    async (first) => {
      await jest.isolateModulesAsync(async () => {
        await import(first);
        await expect(import('../../api/app')).resolves.toHaveProperty('createApp');
        await expect(import('../../api/open311/routes')).resolves.toBeDefined();
      });
    },
  );
});
