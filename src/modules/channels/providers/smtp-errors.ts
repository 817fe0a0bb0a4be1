/** What went wrong in an SMTP conversation, named for a person setting up a sender. */
export type SmtpProblem =
  | 'auth_refused'
  | 'connection_refused'
  | 'host_not_found'
  | 'timeout'
  | 'tls_mismatch'
  | 'connection_lost'
  | 'recipient_refused'
  | 'sender_refused'
  | 'message_refused'
  | 'temporarily_refused'
  | 'blocked_address'
  | 'unknown';

export interface SmtpFailure {
  problem: SmtpProblem;
  /** Worth retrying later (4xx replies, dropped or timed-out connections). */
  temporary: boolean;
  /** Plain words, in English; the web app shows its own words for `problem`. */
  message: string;
  /** The server's reply line when it gave one, e.g. `550 5.1.1 No such user`. */
  serverReply: string | null;
  responseCode: number | null;
}

/** The fields of nodemailer's errors (and the node socket errors it wraps) that we read. */
interface MailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
  reason?: string;
}

const WORDS: Record<SmtpProblem, string> = {
  auth_refused: 'The server refused the user name or password.',
  connection_refused: 'Nothing answers at this host and port (connection refused).',
  host_not_found: 'The host name does not resolve to any address.',
  timeout: 'The server did not answer in time.',
  tls_mismatch: 'The encryption setting does not match the server (try the other security option or port).',
  connection_lost: 'The server closed the connection in the middle of the conversation.',
  recipient_refused: 'The server refused the recipient address.',
  sender_refused: 'The server refused the sender (from) address.',
  message_refused: 'The server refused the message.',
  temporarily_refused: 'The server asked to try again later.',
  blocked_address: 'This host is a private address that senders may not reach.',
  unknown: 'The email could not be sent.',
};

const TLS_HINTS = /wrong version number|ssl3_get_record|packet length too long|tls|ssl|certificate|self[- ]signed|starttls/i;

/** Reads a nodemailer error as a problem, whether it is worth retrying, and the server's words. */
export function classifySmtpError(err: unknown): SmtpFailure {
  const e = (err ?? {}) as MailerError;
  const text = `${e.message ?? ''} ${e.reason ?? ''}`;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const reply = e.response ? e.response.split(/\r?\n/)[0]!.slice(0, 500) : null;
  const result = (problem: SmtpProblem, temporary: boolean): SmtpFailure => ({ problem, temporary, message: WORDS[problem], serverReply: reply, responseCode: code });

  // A STARTTLS the server refused or does not know is a setting mismatch, whatever its code.
  if (e.code === 'ETLS' || e.command === 'STARTTLS') return result('tls_mismatch', false);
  if (code !== null && code >= 400) {
    const temporary = code < 500;
    if (e.code === 'EAUTH' || code === 535 || code === 534 || code === 530) return result('auth_refused', false);
    if (temporary) return result('temporarily_refused', true);
    if (e.command === 'RCPT TO' || e.code === 'EENVELOPE') return result(e.command === 'MAIL FROM' ? 'sender_refused' : 'recipient_refused', false);
    if (e.command === 'MAIL FROM') return result('sender_refused', false);
    return result('message_refused', false);
  }
  if (e.code === 'EBLOCKED') return result('blocked_address', false);
  if (e.code === 'EAUTH') return result('auth_refused', false);
  if (/ECONNREFUSED/.test(text)) return result('connection_refused', true);
  if (/ENOTFOUND|EAI_AGAIN/.test(text) || e.code === 'EDNS') return result('host_not_found', true);
  if (e.code === 'ETIMEDOUT' || /timeout|ETIMEDOUT/i.test(text)) return result('timeout', true);
  if (TLS_HINTS.test(text)) return result('tls_mismatch', false);
  if (e.code === 'ECONNECTION' || /ECONNRESET|EPIPE|closed unexpectedly|socket hang up/i.test(text)) return result('connection_lost', true);
  if (e.code === 'ESOCKET') return result('connection_lost', true);
  return result('unknown', false);
}

/** A short reason stored on a message, e.g. `smtp_550 recipient_refused: 550 5.1.1 No such user`. */
export function failureReason(f: SmtpFailure): string {
  return `${f.responseCode ? `smtp_${f.responseCode} ` : ''}${f.problem}${f.serverReply ? `: ${f.serverReply}` : ''}`.slice(0, 1000);
}
