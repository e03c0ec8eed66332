import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevCertificate {
  key: Buffer;
  cert: Buffer;
  /** The CA that signed `cert`: the one `mkcert -install` makes the browser trust. */
  caFile: string;
}

const HOSTS = ['localhost', '127.0.0.1', '::1'];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether `certPem` is a localhost certificate signed by `caPem` and valid for at least another day.
 * A certificate from another CA (an earlier CAROOT, a test's throw-away CA) must be replaced:
 * the browser trusts only the CA `mkcert -install` installed.
 */
export function isUsable(certPem: string, caPem: string, now = Date.now()): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return (
      cert.checkIssued(ca) &&
      cert.verify(ca.publicKey) &&
      cert.checkHost('localhost') !== undefined &&
      Date.parse(cert.validTo) - now > DAY_MS
    );
  } catch {
    return false;
  }
}

/**
 * The dev server's https key and certificate in `dir`, signed by mkcert's own CA (`mkcert -CAROOT`,
 * or $CAROOT): the CA `mkcert -install` puts in the trust stores once per user. Nothing here installs
 * anything (no sudo, no system store); a missing CA is created by mkcert and stays untrusted until
 * the user runs `mkcert -install`.
 */
export function devCertificate(mkcert: string, dir: string, log: (line: string) => void = console.warn): DevCertificate {
  if (!existsSync(mkcert)) {
    throw new Error(`mkcert not found at ${mkcert}: install it (Debian: sudo apt-get install -y mkcert libnss3-tools) or set MKCERT_PATH.`);
  }
  const caroot = execFileSync(mkcert, ['-CAROOT'], { encoding: 'utf8' }).trim();
  const caFile = join(caroot, 'rootCA.pem');
  const keyFile = join(dir, 'localhost-key.pem');
  const certFile = join(dir, 'localhost.pem');
  const current =
    existsSync(caFile) && existsSync(keyFile) && existsSync(certFile) && isUsable(readFileSync(certFile, 'utf8'), readFileSync(caFile, 'utf8'));
  if (!current) {
    const hadCa = existsSync(caFile);
    mkdirSync(dir, { recursive: true });
    execFileSync(mkcert, ['-cert-file', certFile, '-key-file', keyFile, ...HOSTS], { stdio: 'pipe' });
    if (!hadCa) {
      log(
        `mkcert created a new local CA in ${caroot}. Chromium will not trust the dev server until you run ` +
          '`mkcert -install` (with libnss3-tools installed) and restart Chromium.',
      );
    }
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), caFile };
}
