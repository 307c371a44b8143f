import { Section } from '../section';
import { intake } from './intake';
import { lifecycle } from './lifecycle';

/**
 * Every section, in the order `npm run bench` runs them. A new one: a file here exporting a
 * `Section` (name, describe, run(ctx) recording figures through ctx.record), added to this list.
 */
export const sections: Section[] = [intake, lifecycle];
