/**
 * Reading the OpenAPI document for the fuzz test: its operations, a plausible value of a schema, and
 * whether a query parameter's schema takes a value. Only the parts the fuzz test reads are typed.
 */
export type Schema = Record<string, any>;
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
export interface ApiDoc {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: string;
  /** As documented: /api/v1/requests/{id}/dispatch */
  path: string;
  params: Parameter[];
  query: Parameter[];
  headers: Parameter[];
  body?: Schema;
}

export function operationsOf(doc: ApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const parameters = op.parameters ?? [];
      return {
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        headers: parameters.filter((p) => p.in === 'header' && !p.name.startsWith('x-actor-')),
        body: op.requestBody?.content['application/json']?.schema,
      };
    }),
  );
}

const resolve = (schema: Schema, doc: ApiDoc): Schema =>
  schema.$ref ? resolve(doc.components!.schemas![schema.$ref.split('/').pop()!], doc) : schema;

/**
 * A plausible value of `schema`: its example, first enum value or option, or the least its type
 * allows. The fuzz test needs no valid body: validation names every bad field, so a believed
 * caller's 400 must name the mutated one whatever else is wrong.
 */
export function exampleOf(raw: Schema, doc: ApiDoc): unknown {
  const schema = resolve(raw, doc);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return exampleOf(options[options.length - 1], doc);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([k, v]) => [
          k,
          exampleOf(v, doc),
        ]),
      );
    case 'array':
      return [exampleOf(schema.items, doc)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date') return '2026-12-01';
      if (schema.format === 'date-time') return '2026-12-01T09:00:00+08:00';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return null;
  }
}

const illFormedPattern = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

/** Whether `value` is one `schema` takes as a query parameter: then it cannot serve as a hostile one. */
export function queryAccepts(schema: Schema, value: string): boolean {
  if (schema.enum) return schema.enum.includes(value);
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('integer')) {
    const n = Number(value);
    return Number.isInteger(n) && n >= (schema.minimum ?? -Infinity) && n <= (schema.maximum ?? Infinity);
  }
  const trimmed = value.trim();
  if (schema.format === 'date-time') return !Number.isNaN(Date.parse(value)) && /T/.test(value);
  if (schema.format === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value);
  return (
    trimmed.length >= (schema.minLength ?? 0) &&
    trimmed.length <= (schema.maxLength ?? Infinity) &&
    (!schema.pattern || new RegExp(schema.pattern, 'u').test(value)) &&
    !illFormedPattern.test(value)
  );
}
