import { describe, expect, it } from 'vitest';
import { droppedText } from './status';

describe('droppedText', () => {
  it('says "Call dropped" once when the reason already starts with it', () => {
    expect(droppedText('Call dropped (simulated)', '#pex117')).toBe('Call dropped (simulated) · #pex117');
    expect(droppedText('call dropped by the network', undefined)).toBe('call dropped by the network');
  });
  it('prefixes any other reason', () => {
    expect(droppedText('Conference ended by the host', '#pex181')).toBe('Call dropped: Conference ended by the host · #pex181');
    expect(droppedText('Call droppedness', undefined)).toBe('Call dropped: Call droppedness');
  });
  it('says what it knows when the reason or the code is missing', () => {
    expect(droppedText(undefined, '#pex117')).toBe('Call dropped · #pex117');
    expect(droppedText('  ', undefined)).toBe('Call dropped');
    expect(droppedText(undefined, undefined)).toBe('Call dropped');
  });
});
