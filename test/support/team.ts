import { type Session, type TestApp, uniqueEmail } from './app.js';

export type Role = 'owner' | 'admin' | 'marketer' | 'viewer';

export const PASSWORD = 'correct horse battery';

/** The raw invitation token out of an acceptUrl (http://web.test/invite?token=…). */
export const tokenOf = (acceptUrl: string) => new URL(acceptUrl).searchParams.get('token')!;

/** Invites a fresh email with `role` into `by`'s tenant and accepts as a new person: their session. */
export async function addMember(app: TestApp, by: Session, role: Role, tag: string = role): Promise<Session> {
  const email = uniqueEmail(tag);
  const inv = await app.request('POST', '/invitations', { token: by.accessToken, body: { email, role } });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const acc = await app.request('POST', '/auth/invitations/accept', { body: { token: tokenOf(inv.body.acceptUrl), name: `${tag} person`, password: PASSWORD } });
  if (acc.status !== 200) throw new Error(`accept failed: ${acc.status} ${JSON.stringify(acc.body)}`);
  return { ...acc.body, password: PASSWORD };
}

export async function login(app: TestApp, email: string, password = PASSWORD) {
  return app.request('POST', '/auth/login', { body: { email, password } });
}

export { sleep, waitFor } from './wait.js';
