import { Router } from 'express';
import { requireCaller } from '../actor';
import { ApiDeps } from '../deps';
import { ApiDocument, json } from '../openapi';
import { validated } from '../validate';
import { presentCategories } from './presenter';
import { categoriesView } from './schema';

/** The category tree (诉求分类) filings are made under: every signed-in caller reads it (a filing form draws it). */
export function categoryRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  doc.path({
    method: 'get',
    path: '/api/v1/categories',
    summary: '诉求分类 the category tree, and per leaf its SLA class, handling level and deadlines',
    description:
      'The tree as CATEGORIES_FILE now holds it. A filing names a leaf code as its `category` (or an SLA class alone); a list filters by any node code.',
    tags: ['categories'],
    responses: { 200: { description: 'the tree', ...json(categoriesView) } },
  });
  router.get(
    '/categories',
    requireCaller,
    validated({}, (_input, res) => {
      res.json(presentCategories(deps.categories, deps.policy));
    }),
  );
  return router;
}
