import { HttpStatus } from '@nestjs/common';
import { ApiExtension, ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_STATUSES, ErrorCode } from '@sendas/contracts';
import { CONTRACT_SCHEMAS, type ContractSchemaName } from '../../../../libs/contracts/src/openapi-schemas';

export const contractRef = (name: ContractSchemaName) => ({ $ref: `#/components/schemas/${name}` });

/** A success answer whose body is the libs/contracts type `name` (or a list of it). */
export function ApiContractResponse(
  name: ContractSchemaName,
  { status = HttpStatus.OK, isArray = false, description }: { status?: HttpStatus; isArray?: boolean; description?: string } = {},
) {
  return ApiResponse({
    status,
    description: description ?? (isArray ? `A list of ${name}` : name),
    content: { 'application/json': { schema: isArray ? { type: 'array', items: contractRef(name) } : contractRef(name) } },
  });
}

const ERROR_CODES = Symbol('errorCodes');

/**
 * The codes a route can answer with besides those every route of its kind has (completeErrorResponses adds those).
 * Several uses on one route add up.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator {
  return (target, key, descriptor) => {
    const method = descriptor.value as object;
    const all: ErrorCode[] = [...((Reflect.getMetadata(ERROR_CODES, method) as ErrorCode[] | undefined) ?? []), ...codes];
    Reflect.defineMetadata(ERROR_CODES, all, method);
    ApiExtension('x-error-codes', all)(target, key, descriptor);
  };
}

const SIGN_IN_CODES = [
  ErrorCode.AUTH_REQUIRED,
  ErrorCode.AUTH_TOKEN_INVALID,
  ErrorCode.AUTH_INVALID_API_KEY,
  ErrorCode.AUTH_USER_INACTIVE,
  ErrorCode.AUTH_SESSION_REVOKED,
];
const BODY_CODES = [ErrorCode.VALIDATION_FAILED, ErrorCode.MALFORMED_JSON, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.REQUEST_TOO_DEEP];
const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Operation {
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: unknown }>;
  'x-error-codes'?: ErrorCode[];
  'x-roles'?: string[];
  'x-session-only'?: boolean;
}

/**
 * Gives every operation its error answers in one shape: per status the shared ApiError body with the codes it can
 * carry, gathered from `@ApiErrors`, from codes named in older response descriptions, and from what every such
 * route has (sign-in for secured routes, FORBIDDEN_ROLE for role-limited ones, validation for input).
 */
function completeErrorResponses(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method] as Operation | undefined;
      if (!operation) continue;
      const codes = new Set<ErrorCode>(operation['x-error-codes'] ?? []);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || response.content) continue;
        for (const word of response.description?.match(/[A-Z][A-Z_]+[A-Z]/g) ?? []) if (KNOWN_CODES.has(word)) codes.add(word as ErrorCode);
        delete operation.responses[status];
      }
      if (operation.security?.length) SIGN_IN_CODES.forEach((code) => codes.add(code));
      if (operation['x-roles']?.length) codes.add(ErrorCode.FORBIDDEN_ROLE);
      if (operation['x-session-only']) {
        operation.security = [{ bearer: [] }];
        codes.add(ErrorCode.API_KEY_NOT_ALLOWED);
        delete operation['x-session-only'];
      }
      if (operation.requestBody) BODY_CODES.forEach((code) => codes.add(code));
      else if (operation.parameters?.length) codes.add(ErrorCode.VALIDATION_FAILED);
      delete operation['x-error-codes'];

      const byStatus = new Map<number, ErrorCode[]>();
      for (const code of codes) for (const status of ERROR_STATUSES[code]) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
      for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
        operation.responses[status] = {
          description: statusCodes.join(', '),
          content: {
            'application/json': {
              schema: { allOf: [contractRef('ApiError'), { type: 'object', properties: { code: { type: 'string', enum: statusCodes } } }] },
            },
          },
        };
      }
    }
  }
}

/** A success answer that is a file, e.g. a PDF. */
export function ApiFileResponse(mediaType: string, description: string) {
  return ApiResponse({ status: HttpStatus.OK, description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } });
}

/** The finished document: the contract schemas in its components, and every error answer complete. */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...CONTRACT_SCHEMAS, ...document.components?.schemas } };
  completeErrorResponses(document);
  return document;
}
