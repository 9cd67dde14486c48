import type { OpenAPIObject, OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

/** The response headers of the contract: a response that carries one must have it documented. */
const CONTRACT_HEADERS = ['location', 'etag', 'retry-after', 'idempotent-replayed', 'idempotency-outcome', 'problem-outcome', 'accept-encoding'];

// Express gives every body it sends a weak ETag (its `etag` setting) unless the route set one; the
// contract's ETags are the strong ones of the profile.
const isExpressDefault = (name: string, value: unknown) => name === 'etag' && String(value).startsWith('W/');

// Component schemas become the definitions of one JSON Schema document that their refs point into.
const COMPONENTS_ID = 'openapi-components.json';

/**
 * Checks real responses against an OpenAPI document: the status is documented for the operation,
 * the Content-Type is one it names, the body validates against its schema, every required header
 * is there and every contract header that is there is documented and valid.
 *
 * Stricter than the document on one point: component object schemas are closed
 * (`additionalProperties: false`), so a member the API sends but the document does not name fails.
 */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv({ allErrors: true, strictTypes: false });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly exercised = new Set<string>();

  constructor(private readonly document: OpenAPIObject) {
    addFormats(this.ajv);
    this.ajv.addVocabulary(['example']);
    const schemas = Object.fromEntries(Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, closed(schema)]));
    this.ajv.addSchema(pointRefs({ $id: COMPONENTS_ID, definitions: schemas }));
  }

  /**
   * What is wrong with `response` as an answer of `operation` (`'POST /orders'`, the path as the
   * document writes it): `[]` when it is documented.
   */
  violations(operation: string, response: Response): string[] {
    const documented = this.operation(operation).responses[String(response.status)] as ResponseObject | undefined;
    if (!documented) return [`${operation}: status ${response.status} is not documented`];
    this.exercised.add(operation);
    const at = `${operation} ${response.status}`;
    return [...this.bodyViolations(at, documented, response), ...this.headerViolations(at, documented, response)];
  }

  /** The document's operations that no checked response answered yet. */
  /** The operations tagged with one of `tags` that no validated response has exercised. */
  unexercised(tags: readonly string[]): string[] {
    const operations = Object.entries(this.document.paths).flatMap(([path, item]) =>
      ['get', 'put', 'post', 'delete', 'patch']
        .filter((method) => method in item && ((item as Record<string, { tags?: string[] }>)[method].tags ?? []).some((tag) => tags.includes(tag)))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    return operations.filter((operation) => !this.exercised.has(operation));
  }

  private operation(operation: string): OperationObject {
    const [method, path] = operation.split(' ');
    const found = (this.document.paths[path] as Record<string, OperationObject> | undefined)?.[method.toLowerCase()];
    if (!found) throw new Error(`${operation} is not in the document`);
    return found;
  }

  private bodyViolations(at: string, documented: ResponseObject, response: Response): string[] {
    const contentType = String(response.headers['content-type'] ?? '');
    const media = Object.keys(documented.content ?? {}).find((type) => type === contentType || essence(type) === essence(contentType));
    if (!media) return [`${at}: Content-Type "${contentType}" is not documented (${Object.keys(documented.content ?? {}).join(', ') || 'no body'})`];
    const schema = documented.content![media].schema;
    if (!schema) return [];
    const body: unknown = /json/.test(essence(media)) ? JSON.parse(response.text) : response.text;
    return this.validate(`${at} body`, schema, body);
  }

  private headerViolations(at: string, documented: ResponseObject, response: Response): string[] {
    const headers = Object.entries(documented.headers ?? {}).map(([name, header]) => ({
      name: name.toLowerCase(),
      header: header as { required?: boolean; schema?: SchemaObject },
    }));
    const missing = headers
      .filter(({ name, header }) => header.required && response.headers[name] === undefined)
      .map(({ name }) => `${at}: required header ${name} is missing`);
    const undocumented = CONTRACT_HEADERS.filter((name) => response.headers[name] !== undefined && !isExpressDefault(name, response.headers[name]))
      .filter((name) => !headers.some((h) => h.name === name))
      .map((name) => `${at}: header ${name} is sent but not documented`);
    const invalid = headers
      .filter(({ name, header }) => header.schema && response.headers[name] !== undefined)
      .flatMap(({ name, header }) => this.validate(`${at} header ${name}`, header.schema!, headerValue(header.schema!, String(response.headers[name]))));
    return [...missing, ...undocumented, ...invalid];
  }

  private validate(what: string, schema: SchemaObject | ReferenceObject, value: unknown): string[] {
    const key = JSON.stringify(schema);
    let validate = this.validators.get(key);
    if (!validate) this.validators.set(key, (validate = this.ajv.compile(pointRefs(schema))));
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${what}${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
  }
}

// A header travels as text: an integer header validates as the number it spells, if it spells one.
function headerValue(schema: SchemaObject, raw: string): unknown {
  return schema.type === 'integer' && /^\d+$/.test(raw) ? Number(raw) : raw;
}

function essence(mediaType: string): string {
  return mediaType.split(';')[0].trim().toLowerCase();
}

function closed(schema: SchemaObject | ReferenceObject): SchemaObject | ReferenceObject {
  return 'properties' in schema && schema.additionalProperties === undefined ? { ...schema, additionalProperties: false } : schema;
}

function pointRefs<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${COMPONENTS_ID}#/definitions/`)) as T;
}
