import {
  extendZodWithOpenApi,
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

export const problemResponses = {
  400: problem('Bad input: each bad field is named'),
  403: problem('Not allowed for this actor'),
  404: problem('Unknown id'),
  409: problem('Not allowed in the current state'),
};

/** A JSON body or response of this schema, as a route's document names it. */
export const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

/** Routes register here as they are mounted, so the document always matches the code. */
export class ApiDocument {
  readonly registry = new OpenAPIRegistry();

  path(config: RouteConfig): void {
    this.registry.registerPath(config);
  }

  generate(): object {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Lianxin (连心) API',
        version: '1',
        description: 'Citizen requests and three-year commitments on Temporal',
      },
      servers: [{ url: '/' }],
    });
  }
}
