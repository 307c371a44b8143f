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

/** The bearer token scheme every operation names (a public one, such as liveness, names none). */
export const bearerScheme = 'bearer';

/** An operation open to callers without a token: liveness, readiness, the JWKS, login. */
export const publicOperation = { security: [] };

/** Routes register here as they are mounted, so the document always matches the code. */
export class ApiDocument {
  readonly registry = new OpenAPIRegistry();

  constructor() {
    this.registry.registerComponent('securitySchemes', bearerScheme, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'A JWT from the office OIDC provider or the built-in issuer (POST /api/v1/auth/login, `npm run token`); its subject is a person of the org directory',
    });
  }

  /** Every operation declares its security: the bearer token unless it says `publicOperation`. */
  path(config: RouteConfig): void {
    const open = config.security?.length === 0;
    this.registry.registerPath({
      ...config,
      security: config.security ?? [{ [bearerScheme]: [] }],
      responses: open
        ? config.responses
        : {
            401: problem('No credentials, or a token refused (the reason is in `detail`)'),
            ...config.responses,
          },
    });
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
