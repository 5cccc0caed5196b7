/** class-transformer helpers for DTOs: `@Transform(trim)`. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
