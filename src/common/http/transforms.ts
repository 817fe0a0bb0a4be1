/** class-transformer `@Transform` that trims strings and leaves other values to validation. */
export const trimString = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
