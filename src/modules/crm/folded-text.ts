// SQL fragments comparing text the way a person reads it: through crm.fold() (lower-case, accents
// and ligatures unfolded; see prisma/migrations/20261204110000_folded_search.sql). Folding runs in
// PostgreSQL, on the stored value and on the user's text alike, so there is one definition of it.
// Arguments are SQL expressions (a column, a $n placeholder), never user text.

/** `crm.fold(expr)`. */
export const fold = (expr: string): string => `crm.fold(${expr})`;

/**
 * `crm.fold(expr)` with LIKE's metacharacters escaped, to build a pattern from user text. Escaped
 * after folding, since folding can make them (＿ → _, ％ → %).
 */
export const foldedLikeText = (expr: string): string => `replace(replace(replace(crm.fold(${expr}), '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;

/** A LIKE pattern matching text containing `expr`, folded. */
export const foldedContains = (expr: string): string => `'%' || ${foldedLikeText(expr)} || '%'`;

/** A LIKE pattern matching text starting with `expr`, folded. */
export const foldedStartsWith = (expr: string): string => `${foldedLikeText(expr)} || '%'`;

/** A LIKE pattern matching text ending with `expr`, folded. */
export const foldedEndsWith = (expr: string): string => `'%' || ${foldedLikeText(expr)}`;
