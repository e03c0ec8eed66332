export interface Platform {
  os: string;
  cpu: string;
  libc: string | undefined;
}
export interface LockEntry {
  version?: string;
  link?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}
export function currentPlatform(): Platform;
export function missingPackages(
  lock: { packages?: Record<string, LockEntry> },
  readManifest: (path: string) => { version?: string } | undefined,
  platform?: Platform,
): string[];
