export const ALLOWED_ORIGINS_LINE: string;
export const FEATURES: readonly string[];
export const OPEN_FEATURES: readonly string[];
export function configReport(path: string, source: string, text: string | undefined): string;
