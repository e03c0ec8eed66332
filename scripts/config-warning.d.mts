export const ALLOWED_ORIGINS_LINE: string;
export function configWarning(path: string, source: string, text: string | undefined): string | undefined;
