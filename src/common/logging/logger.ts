import type { LoggerService } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import { pino, type Logger as Pino } from 'pino';

/**
 * One structured JSON logger for the process. Every line carries the request/job id and the
 * tenant id of the async context it was written in; secrets are redacted by path.
 */
export function createRootLogger(level: string): Pino {
  return pino({
    level,
    base: { service: 'lynara' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        '*.password',
        '*.accessToken',
        '*.refreshToken',
        '*.token',
        '*.key',
      ],
      censor: '[redacted]',
    },
    mixin() {
      const cls = ClsServiceManager.getClsService();
      if (!cls?.isActive()) return {};
      const requestId = cls.getId();
      const tenantId = cls.get('tenantId');
      return { ...(requestId ? { requestId } : {}), ...(tenantId ? { tenantId } : {}) };
    },
  });
}

/** Adapts pino to Nest's LoggerService so `new Logger(Context)` writes structured lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    if (message && typeof message === 'object') {
      const [text] = params;
      this.pino[level]({ context, ...(message as object) }, typeof text === 'string' ? text : undefined);
    } else {
      const stack = level === 'error' && typeof params[0] === 'string' ? params[0] : undefined;
      this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}
