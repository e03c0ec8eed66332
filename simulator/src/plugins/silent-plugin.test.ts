import { describe, expect, it } from 'vitest';
import { neverSentSynMessage } from './silent-plugin';

describe('neverSentSynMessage', () => {
  it('names the plugin, its URL and registerPlugin', () => {
    const message = neverSentSynMessage('external-chat', 'http://127.0.0.1:5181/webapp3/branding/plugins/external-chat/index.html');
    expect(message).toBe(
      "Plugin 'external-chat' loaded but never sent syn within 5 s: is http://127.0.0.1:5181/webapp3/branding/plugins/external-chat/index.html built and served, and does it call registerPlugin?",
    );
  });

  it('over https, also says to check that the browser trusts the certificate, and where to look', () => {
    const message = neverSentSynMessage('external-chat', 'https://localhost:5173/');
    expect(message).toContain('is https://localhost:5173/ built and served');
    expect(message).toContain('check that this browser trusts its certificate (open https://localhost:5173/ in a tab once to see)');
  });

  it('goes by the scheme, not by the word https elsewhere in the URL', () => {
    expect(neverSentSynMessage('p', 'http://example.com/https/index.html')).not.toContain('certificate');
    expect(neverSentSynMessage('p', 'HTTPS://EXAMPLE.COM/')).toContain('certificate');
    expect(neverSentSynMessage('p', 'not a url')).not.toContain('certificate');
  });
});
