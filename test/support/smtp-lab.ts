import { type AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface LabMail {
  from: string;
  to: string[];
  raw: string;
  /** Header values by lower-case name (first occurrence, unfolded). */
  headers: Record<string, string>;
}

/** What the server answers a recipient: accept, an SMTP error code and text, or a dropped connection. */
export type LabAnswer = 'accept' | 'drop' | { code: number; text: string };

/**
 * A real SMTP server on loopback for the email suites: it records what it accepts, checks a
 * user name and password when given, and answers chosen errors per recipient — a script of
 * answers consumed one delivery attempt at a time (e.g. 421 twice, then accept).
 */
export class SmtpLab {
  readonly received: LabMail[] = [];
  private readonly scripts = new Map<string, LabAnswer[]>();
  private server?: SMTPServer;
  port = 0;

  constructor(private readonly credentials?: { user: string; pass: string }) {}

  async start(): Promise<number> {
    const server: SMTPServer = new SMTPServer({
      authOptional: !this.credentials,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (this.credentials && auth.username === this.credentials.user && auth.password === this.credentials.pass) return callback(null, { user: auth.username });
        callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
      },
      onRcptTo: (address, session, callback) => {
        const answer = this.next(address.address);
        if (answer === 'accept') return callback();
        if (answer === 'drop') {
          this.drop(server, session);
          return;
        }
        callback(Object.assign(new Error(answer.text), { responseCode: answer.code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw, headers: headersOf(raw) });
          callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    return this.port;
  }

  /** The answers for this recipient's next delivery attempts (then: accept). */
  script(address: string, answers: LabAnswer[]): void {
    this.scripts.set(address.toLowerCase(), [...answers]);
  }

  to(address: string): LabMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private next(address: string): LabAnswer {
    return this.scripts.get(address.toLowerCase())?.shift() ?? 'accept';
  }

  private drop(server: SMTPServer, session: SMTPServerSession): void {
    const connections = (server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections;
    for (const c of connections) if (c.id === session.id) c._socket.destroy();
  }
}

function headersOf(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] ??= line.slice(i + 1).trim();
  }
  return headers;
}

/** A header value with its RFC 2047 encoded words (=?UTF-8?Q?…?= / ?B?) decoded. */
export function decodedHeader(value: string | undefined): string {
  return (value ?? '').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeURIComponent(text.replace(/_/g, ' ').replace(/%/g, '%25').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}

/** A message's body decoded from quoted-printable (what nodemailer writes for accented text). */
export function decodedBody(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/((?:=[0-9A-F]{2})+)/g, (hex: string) => Buffer.from(hex.replace(/=/g, ''), 'hex').toString('utf8'));
}
