/** class-transformer helpers for DTOs: `@Transform(trim)`. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A query-string flag: "true" and "1" are true, "false" and "0" false; anything else stays as it is (and fails IsBoolean). */
export const queryFlag = ({ value }: { value: unknown }) => ({ true: true, '1': true, false: false, '0': false })[String(value)] ?? value;
