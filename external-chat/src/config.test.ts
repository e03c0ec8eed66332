import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('parseConfig', () => {
  it('reads allowedOrigins', () => {
    expect(parseConfig('{"allowedOrigins":["https://portal.example.com","http://localhost:5180"]}')).toEqual({
      ok: true,
      value: { allowedOrigins: ['https://portal.example.com', 'http://localhost:5180'] },
    });
    expect(parseConfig('{}')).toEqual({ ok: true, value: {} });
    expect(parseConfig('{"debug":true}')).toEqual({ ok: true, value: { debug: true } });
  });

  it.each([
    ['{', 'config.json is not valid JSON'],
    ['[]', 'config.json must hold an object'],
    ['{"allowedOrigin":["https://a.example"]}', 'unknown key(s) allowedOrigin'],
    ['{"allowedOrigins":"https://a.example"}', '"allowedOrigins" must be a non-empty array'],
    ['{"allowedOrigins":[]}', '"allowedOrigins" must be a non-empty array'],
    ['{"allowedOrigins":["https://a.example/"]}', '"https://a.example/" is not an origin'],
    ['{"allowedOrigins":["a.example"]}', '"a.example" is not an origin'],
    ['{"allowedOrigins":["*"]}', '"*" is not an origin'],
    ['{"debug":"yes"}', '"debug" must be true or false'],
  ])('rejects %s clearly', (text, message) => {
    const result = parseConfig(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
  });
});
