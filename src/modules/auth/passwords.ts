import { Algorithm, hash, verify } from '@node-rs/argon2';

/** argon2id at OWASP's minimum recommendation (m=19 MiB, t=2, p=1). */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

/** Verified against when the account doesn't exist, so timing doesn't reveal which emails do. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword('lynara-decoy-password-never-valid'));

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
