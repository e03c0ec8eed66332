import type { InfinityParticipant } from '@pexip/plugin-api';
import { describe, expect, it, vi } from 'vitest';
import { MAX_ROWS, renderParticipantList, statusOf } from './participant-list';
import { initialPeople, localParticipant, person } from '../model/people';
import type { SimParticipant } from '../harness/sim-api';
import { MAX_TILES, renderStage } from './stage';

const names = (el: HTMLElement, selector: string) => [...el.querySelectorAll(selector)].map((n) => n.textContent);
const view = (others: InfinityParticipant[], dialled: SimParticipant[] = []) => ({
  me: localParticipant('chair'),
  others,
  othersCount: others.length,
  dialled: new Map(dialled.map((d) => [d.uuid, d])),
});

describe('the participant list', () => {
  it('you first, then the lobby, then the room, then calls still ringing; markers in the status', () => {
    const [alice, bob, carol] = initialPeople(3, 1);
    const muted = { ...bob!, isMuted: true, raisedHand: true, isSpotlight: true };
    const calling: SimParticipant = { uuid: 'd-1', pluginId: 'chat', destination: 'hang@example.com', displayName: 'hang@example.com', role: 'guest', state: 'calling' };
    const list = document.createElement('ul');
    renderParticipantList(list, view([alice!, muted, carol!], [calling]), () => undefined);
    expect(names(list, '.name')).toEqual(['You', 'Carol Anderson', 'Alice Anderson', 'Bob Anderson', 'hang@example.com']);
    expect(names(list, '.detail')).toEqual([
      'Host · this browser',
      'Waiting in the lobby',
      'Host',
      'Guest · muted · hand raised · spotlight',
      'Calling… · hang@example.com',
    ]);
    expect(list.querySelector('.waiting')?.textContent).toContain('Carol');
  });

  it('a Disconnect button for dialled calls only, which hangs up that call', () => {
    const [alice] = initialPeople(1, 0);
    const joined = { ...person(9), uuid: 'd-2' } as InfinityParticipant;
    const dialled: SimParticipant = { uuid: 'd-2', pluginId: 'chat', destination: 'alice@example.com', displayName: 'Alice', role: 'guest', state: 'joined', participant: joined };
    const onDisconnect = vi.fn();
    const list = document.createElement('ul');
    renderParticipantList(list, view([alice!, joined], [dialled]), onDisconnect);
    const buttons = list.querySelectorAll<HTMLButtonElement>('button.disconnect');
    expect(buttons).toHaveLength(1);
    buttons[0]!.click();
    expect(onDisconnect).toHaveBeenCalledWith('d-2');
  });

  it(`draws at most ${MAX_ROWS} rows besides you, and counts the rest`, () => {
    const list = document.createElement('ul');
    renderParticipantList(list, view(initialPeople(1000, 1)), () => undefined);
    expect(list.querySelectorAll('.participant')).toHaveLength(MAX_ROWS + 1);
    expect(list.querySelector('.participant-more')?.textContent).toBe(`and ${1000 - MAX_ROWS} more`);
    expect(list.dataset.count).toBe('1001');
  });

  it('statusOf', () => {
    expect(statusOf(person(0))).toBe('Host');
    expect(statusOf({ ...person(2), isCameraMuted: true, isPresenting: true })).toBe('Guest · camera off · presenting');
  });
});

describe('the stage', () => {
  it(`a tile for you and each person in the room (not the lobby), at most ${MAX_TILES}, the last counting the rest`, () => {
    const stage = document.createElement('section');
    renderStage(stage, { inMeeting: true, others: initialPeople(3, 1), dialled: [] });
    expect(names(stage, '.caption')).toEqual(['You', 'Alice Anderson', 'Bob Anderson']);
    renderStage(stage, { inMeeting: true, others: initialPeople(100, 1), dialled: [] });
    expect(stage.querySelectorAll('.tile')).toHaveLength(MAX_TILES);
    // you + 99 in the room (one waits in the lobby): 11 tiles, then the rest counted
    expect(names(stage, '.caption').at(-1)).toBe(`${100 - (MAX_TILES - 1)} more`);
    expect(stage.dataset.tiles).toBe('100');
  });
});
