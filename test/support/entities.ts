import sharp, { type Sharp } from 'sharp';
import type { Res, Session, TestApp } from './app.js';

export type Auth = { token?: string; apiKey?: string };

const base = (app: TestApp) => app.url.replace('[::1]', '127.0.0.1');
const authHeaders = (auth: Auth): Record<string, string> => ({
  ...(auth.token && { authorization: `Bearer ${auth.token}` }),
  ...(auth.apiKey && { 'x-api-key': auth.apiKey }),
});

async function toRes(res: Response): Promise<Res> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body, headers: Object.fromEntries(res.headers.entries()) };
}

/** POST /media as multipart/form-data, the way a browser form sends it. */
export async function uploadMedia(app: TestApp, auth: Auth, file: Buffer, filename: string, fields: Record<string, string> = {}, declaredType = 'application/octet-stream'): Promise<Res> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)], { type: declaredType }), filename);
  return toRes(await fetch(`${base(app)}/media`, { method: 'POST', headers: authHeaders(auth), body: form }));
}

/** POSTs raw bytes (a CSV file) with a content type. */
export async function postRaw(app: TestApp, path: string, auth: Auth, body: Buffer | string, contentType = 'text/csv'): Promise<Res> {
  return toRes(await fetch(`${base(app)}${path}`, { method: 'POST', headers: { ...authHeaders(auth), 'content-type': contentType }, body: typeof body === 'string' ? body : new Uint8Array(body) }));
}

/** GETs a (signed) media URL without credentials: status, headers and the bytes. */
export async function fetchFile(app: TestApp, url: string): Promise<{ status: number; headers: Record<string, string>; bytes: Buffer; json?: any }> {
  const res = await fetch(`${base(app)}${url}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const headers = Object.fromEntries(res.headers.entries());
  let json: unknown;
  if (String(headers['content-type']).includes('json')) json = JSON.parse(bytes.toString('utf8'));
  return { status: res.status, headers, bytes, json };
}

/** A noisy gradient (so encoders cannot shrink it to nothing) of the given size. */
export function gradient(width: number, height: number): Sharp {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = 40;
    }
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

/** A landscape JPEG whose EXIF says "rotate 90° clockwise to display" (orientation 6), with a camera tag. */
export const jpegWithOrientation6 = (width = 600, height = 400) =>
  gradient(width, height).jpeg().withMetadata({ orientation: 6 }).withExif({ IFD0: { Make: 'LeakyCam', Model: 'GPS-9000' } }).toBuffer();

/** A minimal valid one-page PDF (cross-reference offsets computed). */
export function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export const ids = (res: Res) => (res.body.items as { id: string }[]).map((i) => i.id);

export async function createProduct(app: TestApp, s: Session | Auth, body: Record<string, unknown>): Promise<any> {
  const auth = 'accessToken' in s ? { token: s.accessToken } : s;
  const res = await app.request('POST', '/products', { ...auth, body });
  if (res.status !== 201) throw new Error(`create product failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createProperty(app: TestApp, s: Session | Auth, body: Record<string, unknown>): Promise<any> {
  const auth = 'accessToken' in s ? { token: s.accessToken } : s;
  const res = await app.request('POST', '/properties', { ...auth, body: { propertyType: 'apartment', title: 'Flat', ...body } });
  if (res.status !== 201) throw new Error(`create property failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
