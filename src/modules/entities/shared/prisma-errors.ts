/** Prisma's unique-constraint violation. */
export const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === 'P2002';
