import type { LoggerService } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { AppConfig } from '../../config/config.js';

export type LogFormatSetting = AppConfig['LOG_FORMAT'];

/**
 * JSON is for machines (log shippers, `docker logs | jq`); a person watching a terminal while
 * developing reads one short line per entry instead. `auto` picks by who is reading.
 */
export function logFormat(setting: LogFormatSetting, where: { isTTY: boolean; nodeEnv: string }): 'json' | 'pretty' {
  if (setting !== 'auto') return setting;
  return where.isTTY && where.nodeEnv !== 'production' ? 'pretty' : 'json';
}

export interface RootLoggerOptions {
  format?: 'json' | 'pretty';
  /** Where lines go (standard output by default). */
  destination?: DestinationStream;
}

/**
 * One logger for the process. Every entry carries the request/job id and the tenant id of the
 * async context it was written in; secrets are redacted by path. JSON lines, or the same entries
 * as readable lines (time, level, context: message, then the other fields) for a terminal.
 */
export function createRootLogger(level: string, options: RootLoggerOptions = {}): Pino {
  const pretty =
    options.format === 'pretty'
      ? PinoPretty({
          destination: options.destination ?? 1,
          sync: true,
          singleLine: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,service,context',
          messageFormat: '{if context}{context}: {end}{msg}',
        })
      : undefined;
  const stream = pretty ?? options.destination;
  const settings: pino.LoggerOptions = {
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
  };
  return stream ? pino(settings, stream) : pino(settings);
}

/** Nest's start-up chatter: a line per module and per route (~150), which buried the lines that matter. */
const BOOT_DETAIL = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Adapts pino to Nest's LoggerService so `new Logger(Context)` writes structured lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  private write(requested: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    const level = requested === 'info' && context && BOOT_DETAIL.has(context) ? 'debug' : requested;
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
