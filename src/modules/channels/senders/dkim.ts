import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

/** A fresh 2048-bit RSA DKIM key: the private half (PKCS#8 PEM) to seal, the public half (base64 DER) for DNS. */
export async function generateDkimKey(): Promise<{ privateKey: string; publicKey: string }> {
  // Asynchronous: generating an RSA key takes tens to hundreds of milliseconds of CPU.
  const { privateKey, publicKey } = await generate('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey: privateKey as unknown as string, publicKey: (publicKey as unknown as Buffer).toString('base64') };
}

/** The TXT record to publish for a selector and domain. */
export function dkimRecord(domain: string, selector: string, publicKey: string) {
  return { domain, selector, dnsName: `${selector}._domainkey.${domain}`, dnsValue: `v=DKIM1; k=rsa; p=${publicKey}` };
}
