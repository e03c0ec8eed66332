/** The origin a URL string names, or undefined when it is not a URL. */
export function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/** True for an exact origin: scheme://host[:port], no path, no trailing slash. */
export const isOrigin = (value: unknown): value is string => typeof value === 'string' && originOf(value) === value;
