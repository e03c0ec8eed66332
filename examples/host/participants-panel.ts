// The meeting's participants, beside the desk's tools: drawn only from the
// plugin's `roster` and `self` topics, acting through host-bridge's controls.
// A roster can change a hundred times a second in a meeting of thousands: each
// message is applied as the change it carries (incremental-roster.ts: its cost
// is the change's, not the meeting's), the panel draws at most once per
// animation frame, at most ROW_LIMIT rows, and redraws a row only when what it
// shows changed (rows are keyed by uuid).

import type { ExternalChat, RosterEntry, SelfState } from '@external-chat/host-bridge';
import { wrappable } from '@external-chat/webapp3-simulator/text-wrap';
import { h } from './dom';
import { createIncrementalRoster } from './incremental-roster';
import { describe, initials, rowKey, type ActionState, type PersonAction, type PersonView, type RosterView } from './roster-model';

export interface ParticipantsElements {
  count: HTMLElement;
  filter: HTMLInputElement;
  muteAll: HTMLButtonElement;
  list: HTMLElement;
  more: HTMLElement;
  empty: HTMLElement;
  status: HTMLElement;
}

/** What the panel needs of the bridge: its events, its data and the controls. */
export type ParticipantsChat = Pick<
  ExternalChat,
  'on' | 'features' | 'connected' | 'mute' | 'muteVideo' | 'admit' | 'disconnectParticipant' | 'spotlight' | 'raiseHand' | 'setRole' | 'muteAllGuests'
>;

/** One drawn row, as a test reads it (from the DOM, not from the model). */
export interface RenderedRow {
  uuid: string;
  name: string;
  detail: string;
  you: boolean;
  host: boolean;
  waiting: boolean;
  badges: string[];
  /** Per button: whether it can be pressed, and its state (muted, hand raised, …). */
  buttons: Partial<Record<PersonAction, { enabled: boolean; on: boolean; label: string }>>;
}

export interface ParticipantsPanel {
  rows(): RenderedRow[];
  /** How many times the panel has drawn (a roster burst should cost one). */
  renders(): number;
  /** The status line's text and whether it reports a failure. */
  status(): { text: string; error: boolean };
  /**
   * Stops drawing until released (the data keeps arriving): a test holds
   * what the agent sees while the meeting changes under it, as a roster
   * 100 ms old does, to click a button Infinity will refuse.
   */
  hold(held: boolean): void;
}

const ICON: Record<string, string> = {
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM6 11a6 6 0 0 0 12 0M12 17v4',
  micOff: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 5.1 2.1M15 9.5V6a3 3 0 0 0-5.7-1.3M6 11a6 6 0 0 0 9.6 4.8M18 11a6 6 0 0 1-.4 2.1M12 17v4M4 4l16 16',
  cam: 'M3 7h12v10H3zM15 10l6-3v10l-6-3',
  camOff: 'M3 7h12v10H3zM15 10l6-3v10l-6-3M3 3l18 18',
  spotlight: 'M12 3l2.6 5.6 6 .7-4.5 4.1 1.2 6L12 16.4 6.7 19.4l1.2-6L3.4 9.3l6-.7z',
  hand: 'M8 12V5.5a1.5 1.5 0 0 1 3 0V11M11 10V4.5a1.5 1.5 0 0 1 3 0V11M14 10V5.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7 6 6 0 0 1-5-2.8L3 14.7a1.5 1.5 0 0 1 2.5-1.6L8 16',
  role: 'M4 18h16M5 15l-1-9 5 4 3-6 3 6 5-4-1 9z',
  hangUp: 'M3 14.5c5-4.6 13-4.6 18 0l-2.5 2.5-3.3-1.6v-2.6a11 11 0 0 0-6.4 0v2.6L5.5 17z',
};

const svg = (path: string): SVGSVGElement => {
  const NS = 'http://www.w3.org/2000/svg';
  const icon = document.createElementNS(NS, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('width', '16');
  icon.setAttribute('height', '16');
  icon.setAttribute('aria-hidden', 'true');
  const p = document.createElementNS(NS, 'path');
  p.setAttribute('d', path);
  icon.append(p);
  return icon;
};

/** A name wraps after spaces, hyphens, dots and before '@'; a long run without them still breaks (CSS anywhere). */
const wrapName = (text: string): Node[] => wrappable(text, /(?<=[\s\-.])|(?=@)/);

/** A hue per person, the same on every draw. */
const hue = (uuid: string): number => {
  let n = 0;
  for (const c of uuid) n = (n * 31 + c.charCodeAt(0)) % 360;
  return n;
};

type Run = () => Promise<void>;

export function createParticipantsPanel(elements: ParticipantsElements, chat: ParticipantsChat): ParticipantsPanel {
  const { count, filter, muteAll, list, more, empty, status } = elements;
  const roster = createIncrementalRoster();
  let self: SelfState | undefined;
  let frame = 0;
  let renders = 0;
  let held = false;
  let view: RosterView | undefined;
  /** `${uuid} ${action}` of controls awaiting the plugin's answer. */
  const pending = new Set<string>();
  const rows = new Map<string, { li: HTMLLIElement; key: string }>();
  const lobbyHead = h('li', 'roster-group', 'In the lobby');
  const presentHead = h('li', 'roster-group', 'In the meeting');

  const schedule = (): void => {
    if (frame === 0 && !held) frame = requestAnimationFrame(render);
  };

  const say = (text: string, error = false): void => {
    status.textContent = text;
    status.dataset.state = error ? 'error' : text ? 'info' : 'idle';
  };

  /** Runs a control; the panel shows it pending, then its outcome. The roster, not the answer, shows the new state. */
  const act = (key: string, what: string, run: Run): void => {
    if (pending.has(key)) return;
    pending.add(key);
    say(`${what}…`);
    schedule();
    new Promise<void>((resolve) => resolve(run()))
      .then(
        () => say(`${what}: done`),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          say(`${what} failed: ${message}`, true);
        },
      )
      .finally(() => {
        pending.delete(key);
        schedule();
      });
  };

  const RUN: Record<PersonAction, (e: RosterEntry) => Run> = {
    admit: (e) => () => chat.admit(e.uuid),
    mute: (e) => () => chat.mute(e.uuid, !e.isMuted),
    camera: (e) => () => chat.muteVideo(e.uuid, !e.isCameraMuted),
    spotlight: (e) => () => chat.spotlight(e.uuid, !e.isSpotlight),
    hand: (e) => () => chat.raiseHand(e.uuid, !e.raisedHand),
    role: (e) => () => chat.setRole(e.uuid, e.isHost ? 'guest' : 'host'),
    disconnect: (e) => () => chat.disconnectParticipant(e.uuid),
  };

  const ICON_OF: Record<PersonAction, (on: boolean) => string> = {
    admit: () => '',
    mute: (on) => (on ? ICON.micOff! : ICON.mic!),
    camera: (on) => (on ? ICON.camOff! : ICON.cam!),
    spotlight: () => ICON.spotlight!,
    hand: () => ICON.hand!,
    role: () => ICON.role!,
    disconnect: () => ICON.hangUp!,
  };

  const button = (person: PersonView, action: PersonAction, state: ActionState): HTMLButtonElement => {
    const key = `${person.entry.uuid} ${action}`;
    const busy = pending.has(key);
    const text = action === 'admit' ? 'Admit' : action === 'disconnect' && person.entry.isWaiting ? 'Turn away' : null;
    const b = h('button', text ? `btn small ${action === 'admit' ? 'primary' : 'ghost'}` : `tool ${action}`, text ?? svg(ICON_OF[action](state.on)));
    b.type = 'button';
    b.dataset.action = action;
    b.disabled = !state.enabled || busy;
    b.title = state.label;
    b.setAttribute('aria-label', state.label);
    if (action !== 'admit' && action !== 'disconnect') b.setAttribute('aria-pressed', String(state.on));
    if (busy) b.dataset.busy = '';
    // The entry is read again when clicked: the roster may have moved on since this row was drawn.
    b.addEventListener('click', () => {
      const entry = roster.entry(person.entry.uuid) ?? person.entry;
      act(key, state.label, RUN[action](entry));
    });
    return b;
  };

  const drawRow = (li: HTMLLIElement, person: PersonView): void => {
    const e = person.entry;
    li.dataset.uuid = e.uuid;
    li.classList.toggle('you', person.you);
    li.classList.toggle('waiting', e.isWaiting);
    li.classList.toggle('hand-up', e.raisedHand && !e.isWaiting);
    const avatar = h('span', 'avatar person-avatar', initials(e.displayName || '?'));
    avatar.setAttribute('aria-hidden', 'true');
    avatar.style.setProperty('--hue', String(hue(e.uuid)));
    const badges = [
      person.you && h('span', 'badge you', 'You'),
      e.isHost && !e.isWaiting && h('span', 'badge host', 'Host'),
      e.raisedHand && !e.isWaiting && h('span', 'badge hand', 'Hand raised'),
      e.isSpotlight && h('span', 'badge spot', 'Spotlight'),
      e.isPresenting && h('span', 'badge', 'Presenting'),
    ];
    const actions = h('div', 'person-actions');
    const order: PersonAction[] = e.isWaiting ? ['admit', 'disconnect'] : ['mute', 'camera', 'spotlight', 'hand', 'role', 'disconnect'];
    for (const action of order) {
      const state = person.actions[action];
      if (state) actions.append(button(person, action, state));
    }
    li.replaceChildren(
      avatar,
      h(
        'div',
        'person-main',
        h('div', 'person-line', h('span', 'person-name', ...wrapName(e.displayName || 'Unnamed participant')), ...badges),
        h('div', 'person-detail', describe(e)),
      ),
      actions,
    );
  };

  function render(): void {
    frame = 0;
    renders++;
    const features = chat.features;
    const next = roster.view({ self, features, filter: filter.value });
    view = next;

    count.textContent = String(next.total);
    muteAll.disabled = !next.muteAll.enabled || pending.has('* muteAll');
    muteAll.textContent = next.muteAll.label;
    muteAll.setAttribute('aria-pressed', String(next.muteAll.guestsMuted));
    // A short meeting needs no filter; one being typed in stays.
    filter.hidden = next.total <= 8 && filter.value === '';

    const nodes: HTMLElement[] = [];
    const shown = new Set<string>();
    const place = (person: PersonView): void => {
      const key = rowKey(person, pending);
      let row = rows.get(person.entry.uuid);
      if (!row) {
        row = { li: h('li', 'person'), key: '' };
        rows.set(person.entry.uuid, row);
      }
      if (row.key !== key) {
        drawRow(row.li, person);
        row.key = key;
      }
      shown.add(person.entry.uuid);
      nodes.push(row.li);
    };
    if (next.lobby.length > 0) {
      lobbyHead.replaceChildren(h('span', '', `In the lobby · ${next.waiting}`));
      nodes.push(lobbyHead);
      next.lobby.forEach(place);
    }
    if (next.present.length > 0) {
      const hands = next.raisedHands;
      presentHead.replaceChildren(
        h('span', '', `In the meeting · ${next.total - next.waiting}`),
        ...(hands > 0 ? [h('span', 'group-hands', `${hands} ${hands === 1 ? 'hand' : 'hands'} up`)] : []),
      );
      nodes.push(presentHead);
      next.present.forEach(place);
    }
    for (const uuid of rows.keys()) if (!shown.has(uuid)) rows.delete(uuid);
    // Move only what is out of place: an unchanged roster moves nothing.
    nodes.forEach((node, i) => {
      if (list.children[i] !== node) list.insertBefore(node, list.children[i] ?? null);
    });
    while (list.children.length > nodes.length) list.lastElementChild!.remove();

    more.hidden = next.hidden === 0;
    more.textContent = `and ${next.hidden.toLocaleString('en')} more${filter.value ? ' matching' : ''}: type a name to find someone`;
    empty.hidden = next.total > 0 && next.matching > 0;
    empty.textContent = !features.includes('roster')
      ? 'This plugin does not publish the roster: upgrade it, or list "roster" in its config.json "features".'
      : next.total > 0
        ? `Nobody matches “${filter.value.trim()}”.`
        : chat.connected
          ? 'Waiting for the roster…'
          : 'Not in a meeting. The participants show here once the meeting starts.';
  }

  chat.on('roster', (event) => {
    roster.receive(event);
    schedule();
  });
  chat.on('self', (next) => {
    self = next;
    schedule();
  });
  for (const event of ['ready', 'connected', 'disconnected'] as const) chat.on(event, schedule);
  filter.addEventListener('input', schedule);
  muteAll.addEventListener('click', () => {
    const muted = view?.muteAll.guestsMuted ?? false;
    act('* muteAll', muted ? 'Unmute all guests' : 'Mute all guests', () => chat.muteAllGuests(!muted));
  });
  say('');
  render();

  return {
    rows: () =>
      Array.from(list.querySelectorAll<HTMLLIElement>('li.person'), (li) => ({
        uuid: li.dataset.uuid ?? '',
        name: li.querySelector('.person-name')?.textContent ?? '',
        detail: li.querySelector('.person-detail')?.textContent ?? '',
        you: li.classList.contains('you'),
        host: li.querySelector('.badge.host') !== null,
        waiting: li.classList.contains('waiting'),
        badges: Array.from(li.querySelectorAll('.badge'), (b) => b.textContent ?? ''),
        buttons: Object.fromEntries(
          Array.from(li.querySelectorAll<HTMLButtonElement>('button[data-action]'), (b) => [
            b.dataset.action,
            { enabled: !b.disabled, on: b.getAttribute('aria-pressed') === 'true', label: b.getAttribute('aria-label') ?? '' },
          ]),
        ),
      })),
    renders: () => renders,
    status: () => ({ text: status.textContent ?? '', error: status.dataset.state === 'error' }),
    hold(on) {
      held = on;
      if (!on) schedule();
    },
  };
}
