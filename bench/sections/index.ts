import { Section } from '../section';
import { cityDay } from './cityDay';
import { consoleLoad } from './console';
import { duplicates } from './duplicates';
import { intake } from './intake';
import { ledger } from './ledger';
import { lifecycle } from './lifecycle';
import { overload } from './overload';
import { reads } from './reads';
import { reports } from './reports';
import { timers } from './timers';
import { worker } from './worker';

/**
 * Every section, in the order `npm run bench` runs them. A new one: a file here exporting a
 * `Section` (name, describe, run(ctx) recording figures through ctx.record), added to this list.
 */
export const sections: Section[] = [
  intake,
  lifecycle,
  reads,
  ledger,
  reports,
  duplicates,
  timers,
  worker,
  overload,
  cityDay,
  consoleLoad,
];
