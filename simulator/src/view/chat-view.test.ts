import { describe, expect, it } from 'vitest';
import { messageHeading } from './chat-view';

const names: Record<string, string> = { b: 'Bob Anderson' };
const nameOf = (uuid: string) => names[uuid];

describe('messageHeading', () => {
  it('names the writer, "You" for the local user, and marks private messages with their recipient', () => {
    expect(messageHeading({ from: 'a', displayName: 'Alice Anderson', direct: false }, 'me', nameOf)).toBe('Alice Anderson');
    expect(messageHeading({ from: 'a', displayName: 'Alice Anderson', direct: true, to: 'me' }, 'me', nameOf)).toBe('Alice Anderson · privately to you');
    expect(messageHeading({ from: 'me', displayName: 'You', direct: false }, 'me', nameOf)).toBe('You');
    expect(messageHeading({ from: 'me', displayName: 'You', direct: true, to: 'b' }, 'me', nameOf)).toBe('You · privately to Bob Anderson');
    expect(messageHeading({ from: 'me', displayName: 'You', direct: true, to: 'gone' }, 'me', nameOf)).toBe('You · privately to gone');
  });
});
