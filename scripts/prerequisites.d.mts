export type Prerequisite = 'chromium' | 'mkcert';
export const PREREQUISITES: Record<Prerequisite, { path: string; override: string; debian: string }>;
export function missingPrerequisites(names?: Prerequisite[], isExecutable?: (path: string) => boolean): Prerequisite[];
export function missingMessage(missing: Prerequisite[]): string;
