/** The SQLSTATE of a database error, raised by pg directly or wrapped by Prisma's pg adapter. */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } } | null;
  const adapter = e?.meta?.driverAdapterError?.cause;
  const code = adapter?.originalCode ?? adapter?.code ?? e?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
