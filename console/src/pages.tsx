import { ComponentType, lazy } from 'react';

export type Role =
  | 'administrator'
  | 'auditor'
  | 'committee'
  | 'hotline_operator'
  | 'unit_leader'
  | 'branch_secretary'
  | 'grid_member'
  | 'assistance_team'
  | 'resident';

/**
 * The console's pages: where each lives, its menu label (`nav.<nav>`), and the roles whose menu
 * shows it. A role's first page is where it lands after signing in, so the order puts each role's
 * daily work first: the secretariat's agenda, a leader's board, a secretary's or member's queue, an
 * operator's filing form, a team's commitments, an auditor's cases.
 * The API decides what each caller may see and do; the menu only leaves out what a role has no use
 * for. Each page is its own chunk, loaded when first opened.
 */
export interface Page {
  path: string;
  nav: string;
  roles: Role[];
  component: ComponentType;
}

export const pages: Page[] = [
  {
    path: 'committee',
    nav: 'committee',
    roles: ['committee'],
    component: lazy(() => import('./committee/CommitteePage')),
  },
  {
    path: 'supervision',
    nav: 'supervision',
    roles: ['unit_leader', 'committee'],
    component: lazy(() => import('./supervision/SupervisionPage')),
  },
  {
    path: 'queue',
    nav: 'queue',
    roles: ['grid_member', 'branch_secretary', 'unit_leader'],
    component: lazy(() => import('./requests/QueuePage')),
  },
  {
    path: 'file',
    nav: 'file',
    roles: ['hotline_operator', 'branch_secretary', 'grid_member', 'resident'],
    component: lazy(() => import('./filing/FilingPage')),
  },
  {
    path: 'commitments',
    nav: 'commitments',
    roles: ['assistance_team', 'unit_leader'],
    component: lazy(() => import('./commitments/CommitmentsPage')),
  },
  {
    path: 'audit',
    nav: 'audit',
    roles: ['auditor'],
    component: lazy(() => import('./audit/AuditPage')),
  },
  {
    path: 'ledgers',
    nav: 'ledgers',
    roles: ['unit_leader', 'committee', 'branch_secretary', 'auditor'],
    component: lazy(() => import('./ledgers/LedgersPage')),
  },
  {
    path: 'inbox',
    nav: 'inbox',
    roles: [
      'administrator',
      'auditor',
      'committee',
      'hotline_operator',
      'unit_leader',
      'branch_secretary',
      'grid_member',
      'assistance_team',
      'resident',
    ],
    component: lazy(() => import('./inbox/InboxPage')),
  },
];

/** Pages reached by links rather than the menu: a case, a plan, … */
export const linkedPages: { path: string; component: ComponentType }[] = [
  { path: 'requests/:id', component: lazy(() => import('./requests/RequestPage')) },
  { path: 'commitments/:kind/:id', component: lazy(() => import('./commitments/CommitmentPage')) },
];

export function pagesFor(role: string | undefined): Page[] {
  return pages.filter((page) => page.roles.includes(role as Role));
}
