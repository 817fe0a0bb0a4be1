import { classifySmtpError, failureReason } from './smtp-errors.js';

describe('classifySmtpError', () => {
  it.each([
    [{ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication credentials invalid' }, 'auth_refused', false],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 No such user' }, 'recipient_refused', false],
    [{ code: 'EMESSAGE', responseCode: 554, command: 'DATA', response: '554 5.7.1 Spam' }, 'message_refused', false],
    [{ code: 'EENVELOPE', responseCode: 452, command: 'RCPT TO', response: '452 4.2.2 Mailbox full' }, 'temporarily_refused', true],
    [{ code: 'EPROTOCOL', responseCode: 421, response: '421 4.7.0 Try again later' }, 'temporarily_refused', true],
    [{ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'connection_refused', true],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'timeout', true],
    [{ code: 'ESOCKET', message: '40F8:error:0A00010B:SSL routines:ssl3_get_record:wrong version number' }, 'tls_mismatch', false],
    [{ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'connection_lost', true],
  ])('%j is %s', (err, problem, temporary) => {
    const f = classifySmtpError(err);
    expect([f.problem, f.temporary]).toEqual([problem, temporary]);
  });

  it('keeps the server reply line in the reason', () => {
    expect(failureReason(classifySmtpError({ responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 No such user\r\nmore' }))).toBe('smtp_550 recipient_refused: 550 5.1.1 No such user');
  });
});
