import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

describe('generated API types', () => {
  it('schema.d.ts is up to date with openapi.json (run `npm run api:types`)', async () => {
    const ast = await openapiTS(pathToFileURL(join(__dirname, 'openapi.json')));
    const generated = readFileSync(join(__dirname, 'schema.d.ts'), 'utf8');
    expect(generated.endsWith(astToString(ast))).toBe(true);
  }, 30_000);
});
