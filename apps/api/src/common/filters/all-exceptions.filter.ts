import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
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

/** Turns every error into the one shape `{statusCode, code, message, details?}`; never leaks internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toApiError(exception);
    if (exception instanceof ThrottlerException) this.explainRetry(response, body);
    if (body.statusCode >= 500) this.logger.error({ err: loggableError(exception) }, 'Request failed');
    response.status(body.statusCode).json(body);
  }

  /** Named throttlers set `Retry-After-<name>`; clients look for the standard header. */
  private explainRetry(response: Response, body: ApiError): void {
    const seconds = Object.entries(response.getHeaders())
      .filter(([name]) => name.startsWith('retry-after-'))
      .map(([, value]) => Number(value))
      .reduce((max, value) => Math.max(max, value), 0);
    if (!seconds) return;
    response.setHeader('Retry-After', String(seconds));
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
      if (exception.cause instanceof SyntaxError) {
        return { statusCode, code: ErrorCode.MALFORMED_JSON, message: `The request body is not valid JSON: ${exception.cause.message}.` };
      }
      if (statusCode === HttpStatus.PAYLOAD_TOO_LARGE) {
        return { statusCode, code: ErrorCode.PAYLOAD_TOO_LARGE, message: `The request body is larger than the ${REQUEST_BODY_LIMIT} this API accepts.` };
      }
      const message =
        typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      return { statusCode, code: CODE_BY_STATUS[statusCode] ?? ErrorCode.INTERNAL_ERROR, message };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: ErrorCode.INTERNAL_ERROR,
      message: 'Something went wrong on our side. Try again; if it keeps happening, tell your administrator.',
    };
  }
}
