import { describe, expect, it } from 'vitest';
import { INITIAL_BUTTON_STATE, sameButtonState, toButtonPayload, type ButtonState } from './button-state';

describe('the Chat button state', () => {
  it('starts inactive, without a badge, in English', () => {
    expect(toButtonPayload(INITIAL_BUTTON_STATE)).toEqual({
      position: 'toolbar',
      icon: 'IconChat',
      tooltip: 'Open Chat',
      isActive: false,
      badge: { isVisible: false },
    });
  });

  it('counts in the tooltip only while the badge shows', () => {
    expect(toButtonPayload({ active: true, badge: true, count: 2 }).tooltip).toBe('Close Chat (2 unread)');
    expect(toButtonPayload({ active: false, badge: false, count: 2 }).tooltip).toBe('Open Chat');
    expect(toButtonPayload({ active: false, badge: true, count: 2, language: 'es' }, { open: 'Soporte' }).tooltip).toBe('Soporte (2 sin leer)');
  });

  it('is the same state only when active, badge, count and language all are', () => {
    const state: ButtonState = { active: true, badge: true, count: 2, language: 'nb' };
    expect(sameButtonState(state, { ...state })).toBe(true);
    for (const change of [{ active: false }, { badge: false }, { count: 3 }, { count: undefined }, { language: 'sv' }, { language: undefined }]) {
      expect(sameButtonState(state, { ...state, ...change })).toBe(false);
    }
  });
});
