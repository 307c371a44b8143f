import type { FormInstance } from 'antd';
import { ApiProblem } from './client';

/**
 * Puts the API's validation errors beside the form's fields: `body.requester.name` goes to the
 * field named ['requester', 'name']. Returns what no field of the form shows, for the form's alert.
 */
export function showProblem(form: FormInstance, err: unknown): string | undefined {
  if (!(err instanceof ApiProblem)) return (err as Error).message;
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const unplaced: string[] = [];
  const fields = new Map<string, string[]>();
  for (const { field, message } of err.errors ?? []) {
    const path = field.replace(/^(body|query)\./, '');
    if (known.has(path)) fields.set(path, [...(fields.get(path) ?? []), message]);
    else unplaced.push(`${field}: ${message}`);
  }
  // A list's entries are named by number (['decisions', 0, 'item']): the form matches names strictly.
  const name = (path: string) => path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  form.setFields([...fields].map(([path, errors]) => ({ name: name(path), errors })));
  if (fields.size && !unplaced.length) return undefined;
  return unplaced.length ? unplaced.join('; ') : err.detail;
}
