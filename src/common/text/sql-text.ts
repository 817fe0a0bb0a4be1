/** Escapes LIKE/ILIKE metacharacters (`\`, `%`, `_`) so user text matches literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * Renumbers a query fragment's `$n` placeholders to follow `offset` parameters of the query it
 * is embedded in (a compiled segment condition inside a scoring or membership statement).
 */
export function shiftParams(sql: string, offset: number): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}
