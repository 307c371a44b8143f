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
  form.setFields([...fields].map(([path, errors]) => ({ name: path.split('.'), errors })));
  if (fields.size && !unplaced.length) return undefined;
  return unplaced.length ? unplaced.join('; ') : err.detail;
}
