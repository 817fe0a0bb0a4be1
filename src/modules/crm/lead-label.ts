/**
 * How a lead is named where a person reads about it (the audit log): its name, else its email,
 * else its phone. Kept in the audit entry as it was then, so a later rename or deletion does not
 * change what the entry says.
 */
export function leadLabel(l: { firstName?: string | null; lastName?: string | null; email?: string | null; phone?: string | null }): string | null {
  const name = [l.firstName, l.lastName].filter(Boolean).join(' ').trim();
  return name || l.email || l.phone || null;
}
