import { Logger } from '@nestjs/common';
import { loggableError } from './filters/loggable-error';

/** A stop that has not ended by then is cut short: the process must not linger half-alive. */
const STOP_BOUND_MS = 60_000;

/**
 * The last line: an error that nothing handled (a bug, or a library's promise nobody awaits) is logged with what it
 * was, then the process stops as it does on SIGTERM (the sends in flight finish) and exits with 1, so that a
 * supervisor sees it and starts it again. Loud on purpose: such an error must be found, not swallowed.
 */
export function stopOnUnhandledErrors(stop: () => Promise<unknown>): void {
  const logger = new Logger('Process');
  let stopping = false;
  const onFault = (kind: string) => (error: unknown) => {
    logger.fatal({ err: loggableError(error) }, `${kind}: stopping with exit code 1`);
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), STOP_BOUND_MS).unref();
    void stop()
      .catch(() => undefined)
      .finally(() => process.exit(1));
  };
  process.on('unhandledRejection', onFault('Unhandled promise rejection'));
  process.on('uncaughtException', onFault('Uncaught exception'));
}
