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
 * shows it. A role's first page is where it lands after signing in. The API decides what each
 * caller may see and do; the menu only leaves out what a role has no use for. Each page is its own
 * chunk, loaded when first opened.
 */
export interface Page {
  path: string;
  nav: string;
  roles: Role[];
  component: ComponentType;
}

export const pages: Page[] = [
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
  {
    path: 'committee',
    nav: 'committee',
    roles: ['committee'],
    component: lazy(() => import('./committee/CommitteePage')),
  },
  {
    path: 'commitments',
    nav: 'commitments',
    roles: ['assistance_team', 'unit_leader'],
    component: lazy(() => import('./commitments/CommitmentsPage')),
  },
];

/** Pages reached by links rather than the menu: a case, a plan, … */
export const linkedPages: { path: string; component: ComponentType }[] = [
  { path: 'commitments/:kind/:id', component: lazy(() => import('./commitments/CommitmentPage')) },
];

export function pagesFor(role: string | undefined): Page[] {
  return pages.filter((page) => page.roles.includes(role as Role));
}
