/** A query parameter given once, as a string; arrays and nested objects (`?a[b]=`) count as absent. */
export const queryString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
