import { Writable } from 'node:stream';
import { createRootLogger, logFormat, PinoNestLogger } from './logger.js';

/** Collects what a logger writes, line by line. */
function sink() {
  const lines: string[] = [];
  let pending = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      pending += String(chunk);
      const parts = pending.split('\n');
      pending = parts.pop()!;
      lines.push(...parts);
      done();
    },
  });
  return { stream, lines };
}

describe('logFormat', () => {
  it.each([
    // [setting, stdout is a terminal, NODE_ENV, format]
    ['auto', true, 'development', 'pretty'],
    ['auto', true, 'test', 'pretty'],
    ['auto', true, 'production', 'json'],
    ['auto', false, 'development', 'json'],
    ['auto', false, 'production', 'json'],
    ['json', true, 'development', 'json'],
    ['pretty', false, 'development', 'pretty'],
    ['pretty', false, 'production', 'pretty'],
  ] as const)('%s with a terminal: %s, NODE_ENV=%s → %s', (setting, isTTY, nodeEnv, expected) => {
    expect(logFormat(setting, { isTTY, nodeEnv })).toBe(expected);
  });
});

describe('createRootLogger', () => {
  it('writes one JSON object per line by default, secrets redacted', () => {
    const out = sink();
    const logger = createRootLogger('info', { format: 'json', destination: out.stream });
    logger.info({ context: 'LeadsService', session: { token: 'abc' }, leads: 3 }, 'imported');
    const entry = JSON.parse(out.lines[0]!);
    expect(entry).toMatchObject({ level: 30, service: 'lynara', context: 'LeadsService', msg: 'imported', leads: 3, session: { token: '[redacted]' } });
  });

  it('writes readable lines for a terminal: time, level, context and message, then the other fields, secrets still redacted', () => {
    const out = sink();
    const logger = createRootLogger('info', { format: 'pretty', destination: out.stream });
    logger.info({ context: 'LeadsService', session: { token: 'abc' }, leads: 3 }, 'imported');
    logger.debug('below the level');
    expect(out.lines).toHaveLength(1);
    const line = out.lines[0]!.replace(/\x1b\[[0-9;]*m/g, '');
    expect(line).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO(?: \(\d+\))?: LeadsService: imported \{.*\}$/);
    expect(line).toContain('"leads":3');
    expect(line).toContain('"token":"[redacted]"');
    expect(line).not.toContain('hostname');
    expect(() => JSON.parse(line)).toThrow();
  });
});

describe('PinoNestLogger', () => {
  it("keeps Nest's per-module and per-route start-up lines for debug, and everything else at its level", () => {
    const out = sink();
    const nest = new PinoNestLogger(createRootLogger('info', { format: 'json', destination: out.stream }));
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('Mapped {/leads, GET} route', 'RouterExplorer');
    nest.log('LeadsController {/leads}:', 'RoutesResolver');
    nest.log('Nest application successfully started', 'NestApplication');
    nest.warn('SMTP_URL is not set', 'MailService');
    expect(out.lines.map((l) => JSON.parse(l)).map((e) => [e.level, e.context, e.msg])).toEqual([
      [30, 'NestApplication', 'Nest application successfully started'],
      [40, 'MailService', 'SMTP_URL is not set'],
    ]);
  });
});
