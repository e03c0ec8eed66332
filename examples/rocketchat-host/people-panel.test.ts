import { beforeEach, describe, expect, it } from 'vitest';
import { createPeoplePanel, type PeopleInput } from './people-panel';
import { FEATURES, type RosterEntry } from './protocol';
import { hostSelf as self, person as anyone } from './test-people';

const person = (uuid: string, patch: Partial<RosterEntry> = {}): RosterEntry => anyone(uuid, { displayName: `Person ${uuid}`, ...patch });


function setup() {
  document.body.innerHTML = `<section id="panel"><span id="count"></span><button id="mute-all"></button><button id="close"></button><p id="empty"></p><div id="list"></div></section>`;
  const sent: [string, Record<string, unknown>][] = [];
  let closed = 0;
  const get = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const panel = createPeoplePanel(
    { panel: get('panel'), count: get('count'), list: get('list'), empty: get('empty'), muteAll: get<HTMLButtonElement>('mute-all'), close: get<HTMLButtonElement>('close') },
    { control: (name, fields) => sent.push([name, fields]), close: () => closed++ },
  );
  return { panel, sent, closed: () => closed };
}
const input = (roster: RosterEntry[], features: readonly string[] = FEATURES): PeopleInput => ({ open: true, roster, self, features: features as PeopleInput['features'] });
const button = (uuid: string, control: string) => document.querySelector<HTMLButtonElement>(`[data-uuid="${uuid}"] [data-control="${control}"]`)!;

describe('people panel', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('sends a control with its fields on a click, and mute-all from the header', () => {
    const { panel, sent } = setup();
    panel.draw(input([person('me'), person('p')]));
    button('p', 'mute').click();
    document.getElementById('mute-all')!.click();
    expect(sent).toEqual([
      ['mute', { participantUuid: 'p', muted: true }],
      ['mute-all-guests', { muted: true }],
    ]);
    expect(button('p', 'mute').getAttribute('aria-label')).toBe('Mute Person p');
  });

  it('asks for the alias before a transfer, keeps what was typed across a roster that changes the row, then sends it', () => {
    const { panel, sent } = setup();
    panel.draw(input([person('me'), person('p')]));
    button('p', 'transfer').click();
    const field = document.querySelector<HTMLInputElement>('[data-uuid="p"] .ask input')!;
    field.value = 'room@example.com';
    panel.draw(input([person('me'), person('p', { isMuted: true })]));
    const form = document.querySelector<HTMLFormElement>('[data-uuid="p"] .ask')!;
    expect(form.querySelector('input')!.value).toBe('room@example.com');
    form.querySelector('select')!.value = 'host';
    form.requestSubmit();
    expect(sent).toEqual([['transfer', { participantUuid: 'p', alias: 'room@example.com', role: 'host' }]]);
    expect(document.querySelector('.ask')).toBeNull();
  });

  it('draws one row per entry, removes those who left, and only the offered controls', () => {
    const { panel } = setup();
    panel.draw(input([person('me'), person('p'), person('w', { isWaiting: true })], ['mute', 'admit']));
    expect(panel.rows().map((r) => [r.uuid, r.you, r.waiting, r.controls])).toEqual([
      ['w', false, true, ['admit']],
      ['me', true, false, ['mute']],
      ['p', false, false, ['mute']],
    ]);
    panel.draw(input([person('me')], ['mute', 'admit']));
    expect(panel.rows().map((r) => r.uuid)).toEqual(['me']);
    expect(document.getElementById('mute-all')!.hidden).toBe(true);
  });
});
