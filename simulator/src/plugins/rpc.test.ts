import type { RPCCall, RPCCalls } from '@pexip/plugin-api';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MeetingChat } from '../model/chat';
import { AnswerQueue } from '../model/answer-next';
import { Controls } from '../model/controls';
import { Participants } from '../model/participants';
import { Roster } from '../model/roster';
import type { PluginTiming } from '../harness/sim-api';
import { createRouter, type RpcFrame } from './rpc';
import { Toasts } from '../model/toasts';
import { Toolbar } from '../view/toolbar';
import { unimplementedReply } from '../model/unimplemented';

/** A plugin frame that records what the router answers. */
class FakeFrame implements RpcFrame {
  timing: PluginTiming = { inserted: 0 };
  chanId: string | null = null;
  state: 'loading' | 'acked' | 'rejected' = 'loading';
  replies: Array<{ rpc: string; id: string; payload: unknown }> = [];
  constructor(readonly id: string) {}
  get isRegistered(): boolean {
    return this.state === 'acked';
  }
  markSyn(): void {
    this.timing.syn = 1;
  }
  accept(chanId: string): void {
    this.state = 'acked';
    this.chanId = chanId;
  }
  reject(): void {
    this.state = 'rejected';
    this.chanId = null;
  }
  reply<K extends keyof RPCCalls>(call: RPCCall<K>, payload: unknown): void {
    this.replies.push({ rpc: call.rpc, id: call.id, payload });
  }
  last(): unknown {
    return this.replies.at(-1)?.payload;
  }
}

let seq = 0;
const call = (rpc: string, payload: unknown, chanId = 'chan-1') => ({ rpc, payload, id: `call-${++seq}`, chanId }) as RPCCall;

let toolbar: Toolbar;
let route: ReturnType<typeof createRouter<FakeFrame>>;
let deps: Parameters<typeof createRouter<FakeFrame>>[0];
let inMeeting: boolean;
let roster: Roster;
const BUTTON = { position: 'toolbar', icon: 'IconChat', tooltip: 'Open Chat', isActive: false } as const;

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  toolbar = new Toolbar(document.createElement('div'), () => undefined);
  inMeeting = true;
  roster = new Roster(() => undefined);
  roster.start({ role: 'chair', participants: 2, lobby: 0 });
  const participants = new Participants(roster, 0);
  deps = {
    toolbar,
    participants,
    controls: new Controls(roster, participants),
    chat: new MeetingChat(roster, () => undefined),
    toasts: new Toasts({ show: () => undefined, hide: () => undefined }, () => 'toast-1'),
    roster,
    answers: new AnswerQueue(),
    options: { silent: true },
    log: [],
    dialOuts: [],
    rejections: [],
    inMeeting: () => inMeeting,
    onRegistered: vi.fn(),
    onRejected: vi.fn(),
    onIdMismatch: vi.fn(),
    onButtonAddAnswered: vi.fn(),
    onLogged: vi.fn(),
  };
  route = createRouter<FakeFrame>(deps);
});

const registered = (id = 'chat'): FakeFrame => {
  const frame = new FakeFrame(id);
  route(frame, call('syn', { id, version: 0 }));
  return frame;
};
const addButton = (frame: FakeFrame, payload: unknown = BUTTON) => {
  route(frame, call('ui:button:add', payload));
  return frame.last() as { status: string; id: string; reason?: string };
};

describe('syn', () => {
  it('acks a plugin whose id matches the manifest and accepts its channel', () => {
    const frame = registered('chat');
    expect(frame.last()).toEqual({ ack: true });
    expect(frame.chanId).toBe('chan-1');
    expect(frame.timing.ack).toBeTypeOf('number');
    expect(deps.onRegistered).toHaveBeenCalledWith(frame);
    expect(deps.log.map((e) => [e.plugin, e.rpc])).toEqual([['chat', 'syn']]);
  });

  it('acks a plugin that claims another id than the manifest’s, and reports the mismatch', () => {
    const frame = new FakeFrame('chat');
    route(frame, call('syn', { id: 'other', version: 0 }));
    expect(frame.last()).toEqual({ ack: true });
    expect(frame.state).toBe('acked');
    expect(deps.rejections).toEqual([]);
    expect(deps.onIdMismatch).toHaveBeenCalledWith(frame, 'other');
  });

  it('refuses an id another live plugin frame registered with, and records the rejection', () => {
    registered('chat');
    const frame = new FakeFrame('second');
    route(frame, call('syn', { id: 'chat', version: 0 }));
    const reason = 'A plugin with the same id already exists';
    expect(frame.last()).toEqual({ ack: false, reason });
    expect(frame.state).toBe('rejected');
    expect(deps.rejections).toEqual([{ t: expect.any(Number), pluginId: 'second', receivedId: 'chat', reason }]);
    expect(deps.onRejected).toHaveBeenCalledWith(frame, deps.rejections[0]);
    // The same frame registering again (a reload) is no duplicate.
    const first = registered('again');
    route(first, call('syn', { id: 'again', version: 0 }, 'chan-2'));
    expect(first.last()).toEqual({ ack: true });
  });

  it('a new syn removes the buttons the frame added before', () => {
    const frame = registered();
    addButton(frame);
    expect(toolbar.list()).toHaveLength(1);
    route(frame, call('syn', { id: 'chat', version: 0 }, 'chan-2'));
    expect(toolbar.list()).toEqual([]);
    expect(frame.chanId).toBe('chan-2');
  });

  it('ignores calls from a frame that is not registered, or on another channel', () => {
    const frame = new FakeFrame('chat');
    route(frame, call('ui:button:add', BUTTON));
    const acked = registered('other');
    route(acked, call('ui:button:add', BUTTON, 'chan-stale'));
    expect(frame.replies).toEqual([]);
    expect(acked.replies).toHaveLength(1); // the syn ack only
    expect(toolbar.list()).toEqual([]);
    expect(deps.log.map((e) => e.rpc)).toEqual(['ui:button:add', 'syn', 'ui:button:add']);
  });
});

describe('ui:button:add', () => {
  it('draws a toolbar button and answers ok with its id', async () => {
    const frame = registered();
    const reply = addButton(frame);
    expect(reply).toEqual({ status: 'ok', id: expect.any(String), data: undefined });
    expect(toolbar.list()).toEqual([{ pluginId: 'chat', id: reply.id, tooltip: 'Open Chat', isActive: false, badge: false, icon: 'IconChat' }]);
    await Promise.resolve();
    expect(deps.onButtonAddAnswered).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['an unknown icon', { ...BUTTON, icon: 'IconNope' }, 'Invalid Icon name'],
    ['a tooltip that is not a string', { ...BUTTON, tooltip: 3 }, 'Invalid tooltip: expected a string'],
    ['a payload that is not an object', 'button', 'Invalid button payload'],
    ['a position the simulator does not draw', { ...BUTTON, position: 'participantActions' }, "Not supported by the simulator: button position 'participantActions'"],
  ])('refuses %s with status failed and draws nothing', (_what, payload, reason) => {
    const reply = addButton(registered(), payload);
    expect(reply).toMatchObject({ status: 'failed', id: expect.any(String) });
    expect(reply.reason).toContain(reason);
    expect(toolbar.list()).toEqual([]);
  });

  it('accepts a custom icon', () => {
    expect(addButton(registered(), { ...BUTTON, icon: { custom: { main: '<svg/>', hover: '<svg/>' } } }).status).toBe('ok');
  });
});

describe('ui:button:update and ui:removeElement', () => {
  it('replaces the whole payload of the frame’s own button', () => {
    const frame = registered();
    const { id } = addButton(frame);
    route(frame, call('ui:button:update', { ...BUTTON, isActive: true, badge: { isVisible: true }, tooltip: 'Close Chat', targetId: id }));
    expect(frame.last()).toEqual({ status: 'ok', id, data: undefined });
    expect(toolbar.list()).toMatchObject([{ id, isActive: true, badge: true, tooltip: 'Close Chat' }]);
    route(frame, call('ui:button:update', { ...BUTTON, targetId: id }));
    expect(toolbar.list()).toMatchObject([{ id, isActive: false, badge: false, tooltip: 'Open Chat' }]);
  });

  it('refuses an update of an unknown button or of another plugin’s button, and an invalid one', () => {
    const owner = registered('owner');
    const { id } = addButton(owner);
    const other = registered('other');
    route(other, call('ui:button:update', { ...BUTTON, isActive: true, targetId: id }));
    expect(other.last()).toEqual({ status: 'failed', reason: `Unknown button '${id}'`, id });
    route(owner, call('ui:button:update', { ...BUTTON, targetId: 'nope' }));
    expect(owner.last()).toEqual({ status: 'failed', reason: "Unknown button 'nope'", id: 'nope' });
    route(owner, call('ui:button:update', { ...BUTTON, icon: 'IconNope', targetId: id }));
    expect(owner.last()).toEqual({ status: 'failed', reason: 'Invalid Icon name', id });
    expect(toolbar.list()).toMatchObject([{ id, isActive: false, icon: 'IconChat' }]);
  });

  it('removes the frame’s own button and refuses anybody else’s', () => {
    const owner = registered('owner');
    const { id } = addButton(owner);
    const other = registered('other');
    route(other, call('ui:removeElement', { id }));
    expect(other.last()).toEqual({ status: 'failed', reason: `Unknown element '${id}'`, id });
    expect(toolbar.list()).toHaveLength(1);
    route(owner, call('ui:removeElement', { id }));
    expect(owner.last()).toEqual({ status: 'ok', id, data: undefined });
    expect(toolbar.list()).toEqual([]);
  });
});

describe('conference:dialOut and participant:disconnect', () => {
  const body = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' };

  it('answers Infinity’s dial response in a meeting, and records every body', () => {
    const frame = registered();
    route(frame, call('conference:dialOut', body));
    expect(frame.last()).toEqual({ status: 200, data: { status: 'success', result: [expect.any(String)] } });
    expect(deps.dialOuts).toEqual([body]);
  });

  it('a refused dial (fail…) gets no reply (dial is 200-only in infinity-api); ?silent=0: undefined', () => {
    const frame = registered();
    route(frame, call('conference:dialOut', { ...body, destination: 'fail@example.com' }));
    expect(frame.replies).toHaveLength(1); // the ack only
    deps.options.silent = false;
    route(frame, call('conference:dialOut', { ...body, destination: 'fail@example.com' }));
    expect(frame.replies.slice(1).map((r) => r.payload)).toEqual([undefined]);
    expect(deps.dialOuts).toHaveLength(2);
  });

  it('answers undefined outside a meeting (@pexip/infinity makes no request without a call)', () => {
    const frame = registered();
    inMeeting = false;
    route(frame, call('conference:dialOut', body));
    expect(frame.replies.slice(1).map((r) => r.payload)).toEqual([undefined]);
  });

  it('disconnects a dialled participant (200) and answers 403 for an unknown one', () => {
    const frame = registered();
    route(frame, call('conference:dialOut', body));
    const uuid = (frame.last() as { data: { result: string[] } }).data.result[0];
    route(frame, call('participant:disconnect', { participantUuid: uuid }));
    expect(frame.last()).toEqual({ status: 200, data: { status: 'success', result: true } });
    route(frame, call('participant:disconnect', { participantUuid: uuid }));
    expect(frame.last()).toEqual({ status: 403, data: { status: 'failed', result: `Unknown participant '${uuid}'` } });
  });
});

describe('participant controls', () => {
  it.each(['participant:mute', 'participant:muteVideo', 'participant:admit', 'participant:spotlight', 'participant:raiseHand', 'participant:transfer', 'participant:sendDTMF'])(
    '%s reaches the controls, which answer Infinity’s 403 for an unknown participant',
    (rpc) => {
      const frame = registered();
      route(frame, call(rpc, { mute: true, muteVideo: true, enable: true, raise: true, role: 'guest', destination: 'x', pin: '', digits: '1', participantUuid: 'nobody' }));
      expect(frame.last()).toEqual({ status: 403, data: { status: 'failed', result: "Unknown participant 'nobody'" } });
    },
  );

  it('conference:muteAllGuests reaches the controls too', () => {
    const frame = registered();
    route(frame, call('conference:muteAllGuests', { mute: true }));
    expect(frame.last()).toEqual({ status: 200, data: { status: 'success', result: true } });
  });
});

describe('conference:sendMessage and ui:toast:show', () => {
  it('sendMessage reaches the meeting chat: 200 for everyone, 403 naming an unknown participant', () => {
    const frame = registered();
    route(frame, call('conference:sendMessage', { payload: 'hello' }));
    expect(frame.last()).toEqual({ status: 200, data: { status: 'success', result: true } });
    route(frame, call('conference:sendMessage', { payload: 'psst', participantUuid: 'nobody' }));
    expect(frame.last()).toEqual({ status: 403, data: { status: 'failed', result: "Unknown participant 'nobody'" } });
    expect((deps.chat as MeetingChat).list().map((m) => [m.text, m.pluginId])).toEqual([['hello', 'chat']]);
  });

  it('sendMessage outside a meeting: undefined, as the other conference calls', () => {
    const frame = registered();
    roster.end();
    route(frame, call('conference:sendMessage', { payload: 'hello' }));
    expect(frame.replies.at(-1)).toEqual({ rpc: 'conference:sendMessage', id: expect.any(String), payload: undefined });
  });

  it('ui:toast:show: ok for a toast, failed naming the field for a bad one (as other ui:* calls)', () => {
    const frame = registered();
    route(frame, call('ui:toast:show', { message: 'Saved' }));
    expect(frame.last()).toEqual({ status: 'ok', id: 'toast-1', data: undefined });
    route(frame, call('ui:toast:show', { message: 42 }));
    expect(frame.last()).toEqual({ status: 'failed', reason: "ui:toast:show: 'message' must be a string, got 42", id: 'toast-1' });
    expect((deps.toasts as Toasts).log.map((t) => [t.pluginId, t.message])).toEqual([['chat', 'Saved']]);
  });
});

describe('RPCs the simulator does not implement', () => {
  it.each(['conference:lock', 'conference:sendApplicationMessage', 'participant:setTextOverlay', 'conference:currentRoomId'])(
    '%s: undefined, as Web App 3 answers a conference/participant request that did not go through',
    (rpc) => {
      const frame = registered();
      route(frame, call(rpc, {}));
      expect(frame.replies.at(-1)).toEqual({ rpc, id: expect.any(String), payload: undefined });
    },
  );

  it.each(['participant:fecc', 'made:up', 'conference:mute', 'constructor', 'toString'])('%s (no RPC plugin-api defines): no reply; ?silent=0: the answer of an unimplemented call', (rpc) => {
    const frame = registered();
    route(frame, call(rpc, {}));
    expect(frame.replies).toHaveLength(1); // the ack only
    deps.options.silent = false;
    route(frame, call(rpc, {}));
    expect(frame.replies).toHaveLength(2);
    expect(frame.last()).toEqual(unimplementedReply(rpc));
  });

  it.each(['ui:prompt:open', 'ui:form:open', 'ui:widget:add', 'app:setDisconnectDestination'])(
    '%s: status failed with a reason naming it, which plugin-api turns into a rejection',
    (rpc) => {
      const frame = registered();
      route(frame, call(rpc, {}));
      expect(frame.last()).toEqual({
        status: 'failed',
        reason: `Not supported by the simulator: ${rpc} (see simulator/BEHAVIOUR.md for what it implements)`,
        id: '',
      });
    },
  );

  it('syn:widget: a refused registration', () => {
    const frame = registered();
    route(frame, call('syn:widget', { parentPluginId: 'chat' }));
    expect(frame.last()).toEqual({ ack: false, reason: expect.stringContaining('Not supported by the simulator: widgets') });
  });

  it('says so in the console, naming the call and the plugin', () => {
    route(registered(), call('participant:setTextOverlay', { text: 'x' }));
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("'participant:setTextOverlay' from chat is not implemented"));
  });
});

describe('conference:requestParticipants', () => {
  it('in a meeting: Infinity’s participants response, the raw rows of the main room, you first', () => {
    const frame = registered();
    route(frame, call('conference:requestParticipants', {}));
    const reply = frame.last() as { status: number; data: { status: string; result: Array<{ uuid: string; display_name: string }> } };
    expect(reply).toMatchObject({ status: 200, data: { status: 'success' } });
    expect(reply.data.result).toEqual(roster.list().map((p) => p.rawData));
    expect(reply.data.result.map((r) => r.display_name)).toEqual(['You', 'Alice Anderson', 'Bob Anderson']);
  });

  it('outside a meeting: undefined', () => {
    const frame = registered();
    roster.end();
    route(frame, call('conference:requestParticipants', {}));
    expect(frame.replies.at(-1)?.payload).toBeUndefined();
  });
});

describe('silent refusals, through the router', () => {
  it('a refused broadcast sendMessage and a refused muteAllGuests get no reply; a refused private message gets 403', () => {
    const guestRoster = new Roster(() => undefined);
    guestRoster.start({ role: 'guest', participants: 2, lobby: 0 });
    const participants = new Participants(guestRoster, 0);
    route = createRouter<FakeFrame>({ ...deps, roster: guestRoster, controls: new Controls(guestRoster, participants), chat: new MeetingChat(guestRoster, () => undefined) });
    const frame = registered();
    route(frame, call('conference:sendMessage', { payload: '' }));
    route(frame, call('conference:muteAllGuests', { mute: true }));
    expect(frame.replies).toHaveLength(1); // the ack only
    route(frame, call('conference:sendMessage', { payload: 'x', participantUuid: 'nobody' }));
    expect(frame.last()).toEqual({ status: 403, data: { status: 'failed', result: "Unknown participant 'nobody'" } });
  });

  it('participant:setRole answers undefined, refused or not', () => {
    const frame = registered();
    route(frame, call('participant:setRole', { role: 'chair', participantUuid: 'nobody' }));
    expect(frame.replies.at(-1)?.payload).toBeUndefined();
  });
});

describe('own messages echoed', () => {
  it('the echo (event:message, a fresh id, your uuid and name) goes to every plugin after the reply', () => {
    const order: string[] = [];
    const chat = new MeetingChat(roster, (event) => void order.push(event));
    route = createRouter<FakeFrame>({ ...deps, chat });
    const frame = registered();
    const reply = frame.reply.bind(frame);
    frame.reply = (c, payload) => {
      order.push(`reply ${c.rpc}`);
      reply(c, payload);
    };
    route(frame, call('conference:sendMessage', { payload: 'hello' }));
    expect(order).toEqual(['reply conference:sendMessage', 'event:message']);
  });
});

describe('ui:button:add ids', () => {
  it('the button is named after the call’s id, as Web App 3 does', () => {
    const frame = registered();
    const c = call('ui:button:add', BUTTON);
    route(frame, c);
    expect(frame.last()).toEqual({ status: 'ok', id: c.id, data: undefined });
  });
});

describe('__sim.answerNext', () => {
  it('answers the next calls of that RPC as queued, changes nothing, and records control calls', () => {
    const answers = new AnswerQueue();
    const controls = deps.controls as Controls;
    route = createRouter<FakeFrame>({ ...deps, answers });
    const frame = registered();
    const carol = roster.list()[2]!.uuid;
    answers.push('participant:mute', 'result-false');
    answers.push('participant:mute', { status: 403, result: 'nope' });
    answers.push('participant:mute', 'silent');
    for (let i = 0; i < 4; i++) route(frame, call('participant:mute', { mute: true, participantUuid: carol }));
    expect(frame.replies.slice(1).map((r) => r.payload)).toEqual([
      { status: 200, data: { status: 'success', result: false } },
      { status: 403, data: { status: 'failed', result: 'nope' } },
      { status: 200, data: { status: 'success', result: true } },
    ]);
    expect(controls.calls.map((c) => [c.reply, c.silent])).toEqual([
      [{ status: 200, data: { status: 'success', result: false } }, undefined],
      [{ status: 403, data: { status: 'failed', result: 'nope' } }, undefined],
      [undefined, true],
      [{ status: 200, data: { status: 'success', result: true } }, undefined],
    ]);
  });

  it('refuses a bad answer or syn', () => {
    const answers = new AnswerQueue();
    expect(() => answers.push('syn', 'silent')).toThrow(TypeError);
    expect(() => answers.push('participant:mute', 'nope' as never)).toThrow("answerNext: expected 'result-false', 'silent' or {status: number, result?: string}, got \"nope\"");
  });
});
