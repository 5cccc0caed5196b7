import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { type ApiError, ErrorCode } from '@sendas/contracts';
import { REQUEST_BODY_LIMIT } from '../request-limits';
import { loggableError } from './loggable-error';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_REQUEST,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.AUTH_REQUIRED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN_ROLE,
  [HttpStatus.NOT_FOUND]: ErrorCode.ROUTE_NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
};

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && 'code' in body && 'statusCode' in body;
}

/** Fastify's own refusals of a request before any route runs (its body unreadable or too large); Nest wraps them. */
function requestRefusal(cause: unknown): ApiError | null {
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: string };
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { statusCode: HttpStatus.BAD_REQUEST, code: ErrorCode.MALFORMED_JSON, message: `The request body is not valid JSON: ${message}.` };
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      message: `The request body is larger than the ${REQUEST_BODY_LIMIT} this API accepts.`,
    };
  }
  return null;
}

/** Turns every error into the one shape `{statusCode, code, message, details?}`; never leaks internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toApiError(exception);
    if (exception instanceof ThrottlerException) this.explainRetry(reply, body);
    if (body.statusCode >= 500) this.logger.error({ err: loggableError(exception) }, 'Request failed');
    void reply.status(body.statusCode).send(body);
  }

  /** Named throttlers set `Retry-After-<name>`; clients look for the standard header. */
  private explainRetry(reply: FastifyReply, body: ApiError): void {
    const seconds = Object.entries(reply.getHeaders())
      .filter(([name]) => name.startsWith('retry-after-'))
      .map(([, value]) => Number(value))
      .reduce((max, value) => Math.max(max, value), 0);
    if (!seconds) return;
    void reply.header('Retry-After', String(seconds));
    body.message = `Too many attempts. Try again in ${seconds} seconds.`;
  }

  private toApiError(exception: unknown): ApiError {
    if (exception instanceof ThrottlerException) {
      return {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        code: ErrorCode.RATE_LIMITED,
        message: 'Too many attempts. Wait a minute, then try again.',
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const body = exception.getResponse();
      if (isApiError(body)) return body;
      const refused = requestRefusal(exception.cause);
      if (refused) return refused;
      const message = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      return { statusCode, code: CODE_BY_STATUS[statusCode] ?? ErrorCode.INTERNAL_ERROR, message };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: ErrorCode.INTERNAL_ERROR,
      message: 'Something went wrong on our side. Try again; if it keeps happening, tell your administrator.',
    };
  }
}
