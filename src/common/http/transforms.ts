import { ValidateIf } from 'class-validator';

/** class-transformer `@Transform` that trims strings and leaves other values to validation. */
export const trimString = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * An optional field that may be left out but not set to null (class-validator's @IsOptional()
 * lets null through, which then reached services and columns that cannot hold it). Fields
 * where null means "clear it" keep @IsOptional().
 */
export const IsOptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
