// @vitest-environment node
// The dev server's certificate: signed by mkcert's CA ($CAROOT here, a
// throw-away one per test), reused while that CA signed it, replaced when the CA
// changes, and never installed anywhere.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devCertificate, isUsable } from '../../external-chat/dev-certificate.ts';
import { PREREQUISITES } from '../../scripts/prerequisites.mjs';

const MKCERT = PREREQUISITES.mkcert.path;
const scratch = mkdtempSync(join(tmpdir(), 'external-chat-devcert-'));
const savedCaroot = process.env.CAROOT;
afterAll(() => {
  if (savedCaroot === undefined) delete process.env.CAROOT;
  else process.env.CAROOT = savedCaroot;
  rmSync(scratch, { recursive: true, force: true });
});

const withCaroot = <T>(name: string, run: () => T): T => {
  process.env.CAROOT = join(scratch, name);
  return run();
};
const issuedBy = (cert: Buffer, caFile: string): boolean => new X509Certificate(cert).checkIssued(new X509Certificate(readFileSync(caFile)));

// mkcert makes RSA keys: seconds on a busy machine.
describe('devCertificate', { timeout: 60_000 }, () => {
  const dir = join(scratch, 'certs');
  const logged: string[] = [];
  const log = (line: string): void => void logged.push(line);

  it('makes a localhost certificate signed by the CA in $CAROOT, and says that CA still needs mkcert -install', () => {
    const first = withCaroot('ca-one', () => devCertificate(MKCERT, dir, log));
    expect(first.caFile).toBe(join(scratch, 'ca-one', 'rootCA.pem'));
    expect(issuedBy(first.cert, first.caFile)).toBe(true);
    expect(new X509Certificate(first.cert).checkHost('localhost')).toBe('localhost');
    expect(first.key.toString()).toContain('PRIVATE KEY');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('mkcert -install');
  });

  it('reuses the certificate while the same CA signed it', () => {
    const before = readFileSync(join(dir, 'localhost.pem'));
    const again = withCaroot('ca-one', () => devCertificate(MKCERT, dir, log));
    expect(again.cert.equals(before)).toBe(true);
    expect(logged).toHaveLength(1);
  });

  it('replaces a certificate another CA signed (the one mkcert -install trusts is what counts)', () => {
    const before = readFileSync(join(dir, 'localhost.pem'));
    const other = withCaroot('ca-two', () => devCertificate(MKCERT, dir, log));
    expect(other.cert.equals(before)).toBe(false);
    expect(issuedBy(other.cert, other.caFile)).toBe(true);
    expect(issuedBy(other.cert, join(scratch, 'ca-one', 'rootCA.pem'))).toBe(false);
  });

  it('fails with what to install when mkcert is missing', () => {
    expect(() => devCertificate(join(scratch, 'no-mkcert'), dir, log)).toThrow(/mkcert not found at .*no-mkcert.*apt-get install -y mkcert.*MKCERT_PATH/);
  });
});

describe('isUsable', () => {
  it('refuses a certificate that expires within a day, and garbage', () => {
    const cert = readFileSync(join(scratch, 'certs', 'localhost.pem'), 'utf8');
    const ca = readFileSync(join(scratch, 'ca-two', 'rootCA.pem'), 'utf8');
    expect(isUsable(cert, ca)).toBe(true);
    const validTo = Date.parse(new X509Certificate(cert).validTo);
    expect(isUsable(cert, ca, validTo - 60_000)).toBe(false);
    expect(isUsable('not a certificate', ca)).toBe(false);
  });
});
