import { z } from "zod";
import { ERROR_CODES } from "../../client-sdk/src/protocol.ts";
import { adminSchemas } from "../contracts/admin-schemas.ts";
import { appealCreateSchema } from "../contracts/user-schemas.ts";
import { MAX_PAYLOAD_BYTES } from "../contracts/limits.ts";
import type { RestRoute } from "./admin-routes.ts";
import { DEMO_TOKEN_RULES } from "./demo-token.ts";
import { reportCreateSchema } from "../contracts/user-schemas.ts";
import { MAX_REPORT_BODY_BYTES } from "./reports-api.ts";
import { MAX_PATH, PATH_RULE } from "./widget-config.ts";

type Json = Record<string, unknown>;

/** Path parameters of an Express path (`queue/:messageId/resolve` → `["messageId"]`). */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

function jsonSchema(schema: z.ZodType): Json {
  // `io: "input"` documents what a client may send (optional fields stay optional).
  const out = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
  delete out.$schema;
  return out;
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

/**
 * The OpenAPI 3.1 document of the managers' REST API, generated from the same zod schemas that
 * validate requests (OpenAPI 3.1 uses JSON Schema 2020-12, which is what zod emits), so the
 * document cannot drift from what the server accepts.
 */
export function buildOpenApi(routes: readonly RestRoute[], opts: { demoToken?: boolean } = {}): Json {
  const paths: Record<string, Record<string, Json>> = {};
  addPublicRoutes(paths, opts);
  addUserRoutes(paths);
  for (const r of routes) {
    const params = pathParams(r.path);
    const schema = adminSchemas[r.action] as z.ZodObject;
    const mask = Object.fromEntries(params.map((p) => [p, true as const]));
    const rest = jsonSchema(schema.omit(mask as never));
    const parameters: Json[] = [{ name: "tenant", in: "path", required: true, schema: { type: "string" } }];
    for (const p of params) {
      const shape = schema.shape[p] as z.ZodType | undefined;
      parameters.push({ name: p, in: "path", required: true, schema: shape ? jsonSchema(shape) : { type: "string" }, ...(p === "cidr" || p === "room" ? { description: "URL-encoded" } : {}) });
    }
    const op: Json = {
      operationId: r.action.replace(/[:-](\w)/g, (_m, c: string) => c.toUpperCase()),
      summary: r.summary,
      "x-causette-event": r.action,
      parameters,
      responses: {
        200: { description: "Success: the same result as the /admin event's ack, without `ok`.", content: { "application/json": { schema: { type: "object" } } } },
        400: errorResponse("invalid_payload (or invalid_room)"),
        401: errorResponse("unauthorized / invalid_token"),
        403: errorResponse("forbidden: not a manager of this tenant"),
        404: errorResponse("unknown_tenant / not_found"),
        ...(r.action === "queue:resolve" ? { 409: errorResponse("conflict: already resolved by another manager") } : {}),
        ...(r.input === "body" || r.method === "delete" ? {
          408: errorResponse("invalid_payload: the body did not arrive within server.bodyTimeoutMs (the connection is closed)"),
          413: errorResponse(`invalid_payload: the body is larger than ${MAX_PAYLOAD_BYTES / 1024} kB (decoded, when it has a Content-Encoding)`),
          415: errorResponse("invalid_payload: a Content-Encoding other than identity, gzip, deflate or br"),
        } : {}),
        503: errorResponse("store_unavailable"),
      },
    };
    const props = (rest.properties ?? {}) as Record<string, Json>;
    const required = new Set((rest.required ?? []) as string[]);
    if (r.input === "query") {
      for (const [name, s] of Object.entries(props)) {
        // The REST door streams the whole period of statements: no page to ask for.
        if (r.action === "statements:list" && (name === "limit" || name === "cursor")) continue;
        parameters.push({ name, in: "query", required: required.has(name), schema: s });
      }
      if (r.action === "statements:list") {
        (op.responses as Json)[200] = { description: "Every statement of the period, one JSON object per line.", content: { "application/x-ndjson": { schema: { type: "string" } } } };
      }
      if (r.action === "transparency:get") {
        parameters.push({ name: "format", in: "query", required: false, schema: { type: "string", enum: ["json", "csv"] }, description: "`csv`: a download with one `figure,value` row per figure." });
        (op.responses as Json)[200] = { description: "The figures as JSON, or as CSV with `format=csv`.", content: { "application/json": { schema: { type: "object" } }, "text/csv": { schema: { type: "string" } } } };
      }
      if (r.action === "audit:list") {
        parameters.push({ name: "format", in: "query", required: false, schema: { type: "string", enum: ["ndjson", "csv"] }, description: "Export every matching entry (all pages) as a stream instead of one JSON page." });
        (op.responses as Json)[200] = {
          description: "One page as JSON, or the whole export with `format`.",
          content: { "application/json": { schema: { type: "object" } }, "application/x-ndjson": { schema: { type: "string" } }, "text/csv": { schema: { type: "string" } } },
        };
      }
    } else if (Object.keys(props).length) {
      op.requestBody = { required: true, content: { "application/json": { schema: rest } } };
    }
    const key = `/api/v1/tenants/{tenant}/${r.path.replace(/:(\w+)/g, "{$1}")}`;
    (paths[key] ??= {})[r.method] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Causette back-office API", version: "1.0.0", description: "Every /admin action as REST (SPEC §5.4). Authenticate with a manager JWT of the tenant." },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A manager JWT of the tenant." },
        user: { type: "http", scheme: "bearer", description: "The user's own brand JWT, or the guest token the chat gave them (the `me/` routes)." },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string", enum: [...ERROR_CODES] }, message: { type: "string" }, retryAfterMs: { type: "integer" }, until: { type: "integer" } },
            },
          },
        },
      },
    },
  };
}

/**
 * A user's own routes (SPEC §9.2, `me/`): their notices and their appeals, authenticated with
 * their own token (a banned user cannot connect to the chat, yet reads why and appeals here).
 */
function addUserRoutes(paths: Record<string, Record<string, Json>>): void {
  const tenant = { name: "tenant", in: "path", required: true, schema: { type: "string" } };
  const common = {
    401: errorResponse("unauthorized / invalid_token: no token, or not one of this tenant's users"),
    404: errorResponse("unknown_tenant / not_found"),
    503: errorResponse("store_unavailable"),
  };
  paths["/api/v1/tenants/{tenant}/me/notices"] = {
    get: {
      operationId: "meNotices",
      summary: "The statements of reasons (SPEC §9.1) kept for the signed-in user, newest first (as /chat notices:list)",
      security: [{ user: [] }],
      parameters: [tenant],
      responses: { 200: { description: "`{ notices: Notice[] }`", content: { "application/json": { schema: { type: "object" } } } }, ...common },
    },
  };
  paths["/api/v1/tenants/{tenant}/me/appeals"] = {
    post: {
      operationId: "meAppealCreate",
      summary: "Appeal one of the user's notices (SPEC §9.2; as /chat appeal:create): one appeal per notice, until its appealUntil",
      security: [{ user: [] }],
      parameters: [tenant],
      requestBody: { required: true, content: { "application/json": { schema: jsonSchema(appealCreateSchema) } } },
      responses: {
        200: { description: "`{ appeal: Appeal }`", content: { "application/json": { schema: { type: "object" } } } },
        400: errorResponse("invalid_payload"),
        403: errorResponse("forbidden: the notice is no longer appealable, or already appealed"),
        408: errorResponse("invalid_payload: the body did not arrive within server.bodyTimeoutMs"),
        413: errorResponse(`invalid_payload: the body is larger than ${MAX_PAYLOAD_BYTES / 1024} kB`),
        ...common,
      },
    },
  };
}

/**
 * The unauthenticated routes under /api/v1, so the document lists every API route that exists:
 * the widget's config and reports of illegal content (always) and the demo token (only where it is
 * mounted: outside production, with a "demo" tenant). `security: []` marks them as needing no token.
 */
function addPublicRoutes(paths: Record<string, Record<string, Json>>, opts: { demoToken?: boolean }): void {
  addReportRoutes(paths);
  paths["/api/v1/tenants/{tenant}/widget-config"] = {
    get: {
      operationId: "widgetConfig",
      summary: "Whether the chat widget shows on a page of the brand's site, and which room it joins",
      security: [],
      parameters: [
        { name: "tenant", in: "path", required: true, schema: { type: "string" } },
        { name: "path", in: "query", required: false, schema: { type: "string", maxLength: MAX_PATH, default: "/" }, description: "The page path, starting with /" },
      ],
      responses: {
        200: {
          description: "The widget settings for that page.",
          content: { "application/json": { schema: {
            type: "object",
            required: ["tenant", "name", "show", "guests"],
            properties: { tenant: { type: "string" }, name: { type: "string" }, show: { type: "boolean" }, room: { type: "string" }, guests: { type: "boolean" }, signInUrl: { type: "string", format: "uri" } },
          } } },
        },
        400: errorResponse(`invalid_payload: ${PATH_RULE}`),
        404: errorResponse("unknown_tenant"),
      },
    },
  };
  if (!opts.demoToken) return;
  paths["/api/v1/demo/token"] = {
    post: {
      operationId: "demoToken",
      summary: "A short-lived JWT of the demo tenant for any role (never mounted in production)",
      security: [],
      requestBody: { required: true, content: { "application/json": { schema: {
        type: "object",
        required: ["role"],
        properties: {
          role: { type: "string", enum: [...DEMO_TOKEN_RULES.roles] },
          name: { type: "string", maxLength: DEMO_TOKEN_RULES.nameMax },
          sub: { type: "string", pattern: DEMO_TOKEN_RULES.sub.source },
        },
      } } } },
      responses: {
        200: { description: "`{ token, tenant, sub, role, expiresIn }`", content: { "application/json": { schema: { type: "object" } } } },
        400: errorResponse("invalid_payload"),
      },
    },
  };
}

/** SPEC §9.3: the public report routes, the body documented from the schema that validates it. */
function addReportRoutes(paths: Record<string, Record<string, Json>>): void {
  const tenant = { name: "tenant", in: "path", required: true, schema: { type: "string" } };
  const status = { type: "string", enum: ["received", "decided"] };
  paths["/api/v1/tenants/{tenant}/reports"] = {
    post: {
      operationId: "reportCreate",
      summary: "Report a message as illegal content (anyone, no token; rate-limited per client IP)",
      "x-causette-event": "message:report",
      security: [],
      parameters: [tenant],
      requestBody: { required: true, content: { "application/json": { schema: jsonSchema(reportCreateSchema) } } },
      responses: {
        201: {
          description: "Received. Keep `receipt`: it is shown once, and opens the report's status.",
          content: { "application/json": { schema: {
            type: "object", required: ["report"],
            properties: { report: { type: "object", required: ["id", "status", "receipt"], properties: { id: { type: "string" }, status: { type: "string", const: "received" }, receipt: { type: "string" } } } },
          } } },
        },
        400: errorResponse("invalid_payload (goodFaith must be true)"),
        404: errorResponse("unknown_tenant / not_found: no such message in this tenant"),
        408: errorResponse("invalid_payload: the body did not arrive within server.bodyTimeoutMs (the connection is closed)"),
        413: errorResponse(`invalid_payload: the body is larger than ${MAX_REPORT_BODY_BYTES / 1024} kB`),
        429: errorResponse("rate_limited: too many reports from this client IP (Retry-After)"),
        503: errorResponse("store_unavailable"),
      },
    },
  };
  paths["/api/v1/tenants/{tenant}/reports/{id}"] = {
    get: {
      operationId: "reportStatus",
      summary: "A report's status, for the holder of its receipt",
      security: [],
      parameters: [
        tenant,
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        { name: "receipt", in: "query", required: true, schema: { type: "string" }, description: "The receipt the report's answer gave" },
      ],
      responses: {
        200: {
          description: "The report's status; `decision` once a manager decided the message.",
          content: { "application/json": { schema: {
            type: "object", required: ["report"],
            properties: { report: { type: "object", required: ["id", "status"], properties: {
              id: { type: "string" }, status, decision: { type: "string", enum: ["removed", "kept"] }, decidedAt: { type: "integer" },
            } } },
          } } },
        },
        404: errorResponse("not_found: no such report, or a missing or wrong receipt (the same answer); unknown_tenant"),
      },
    },
  };
}
