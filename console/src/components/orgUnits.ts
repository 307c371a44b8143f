import { $api } from '../api/client';
import type { components } from '../api/schema';
import { bilingual } from '../i18n';

export type OrgUnit = components['schemas']['OrgUnit'];

/** The org tree as the API has it; it changes rarely, so one read serves every page for a while. */
export function useOrgUnits() {
  return $api.useQuery('get', '/api/v1/org/units', {}, { staleTime: 5 * 60_000 });
}

/** A unit and every unit above it, nearest first: the levels a request in its jurisdiction may climb to. */
export function unitAndAbove(units: readonly OrgUnit[], id: string): OrgUnit[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const chain: OrgUnit[] = [];
  for (let unit = byId.get(id); unit && !chain.includes(unit); unit = byId.get(unit.parent ?? ''))
    chain.push(unit);
  return chain;
}

export interface UnitNode {
  value: string;
  title: string;
  children: UnitNode[];
}

/** A unit and everything below it, as a TreeSelect's data, in the language shown. */
export function unitTree(units: readonly OrgUnit[], rootId: string, language: string): UnitNode[] {
  const children = new Map<string, OrgUnit[]>();
  for (const unit of units) {
    const siblings = children.get(unit.parent ?? '') ?? [];
    siblings.push(unit);
    children.set(unit.parent ?? '', siblings);
  }
  const node = (unit: OrgUnit): UnitNode => ({
    value: unit.id,
    title: bilingual(unit.name, language),
    children: (children.get(unit.id) ?? []).map(node),
  });
  const root = units.find((unit) => unit.id === rootId);
  return root ? [node(root)] : (children.get('') ?? []).map(node);
}

/** A unit's name in the language shown, or its id when the tree does not hold it. */
export function unitName(units: readonly OrgUnit[] | undefined, id: string, language: string): string {
  const unit = units?.find((u) => u.id === id);
  return unit ? bilingual(unit.name, language) : id;
}
