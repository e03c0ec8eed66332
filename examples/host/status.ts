// The header's two indicators: the plugin connection (#status) and the meeting.

import type { DisconnectedPayload } from '@external-chat/host-bridge';

export interface StatusView {
  /** Every `ready`; a new instanceId (or a new window) after the first is a restart. */
  ready(instanceId: string | undefined): void;
  connected(): void;
  disconnected(payload: DisconnectedPayload): void;
}

export interface StatusElements {
  status: HTMLElement;
  statusText: HTMLElement;
  instance: HTMLElement;
  meeting: HTMLElement;
  meetingText: HTMLElement;
}

export function createStatusView(elements: StatusElements): StatusView {
  const { status, statusText, instance, meeting, meetingText } = elements;
  let readyCount = 0;
  let restarts = 0;
  let lastInstance: string | undefined;

  const set = (element: HTMLElement, textElement: HTMLElement, state: string, text: string): void => {
    element.dataset.state = state;
    textElement.textContent = text;
  };

  set(status, statusText, 'waiting', 'Waiting for the plugin…');
  set(meeting, meetingText, 'idle', 'Not in a meeting');

  return {
    ready(instanceId) {
      readyCount++;
      if (readyCount > 1 && (instanceId === undefined || instanceId !== lastInstance)) restarts++;
      lastInstance = instanceId;
      set(
        status,
        statusText,
        restarts > 0 ? 'restarted' : 'connected',
        restarts > 0 ? `Plugin connected · restarted ${restarts} time${restarts === 1 ? '' : 's'}` : 'Plugin connected',
      );
      status.dataset.restarts = String(restarts);
      // The first block is enough to tell a restart apart; the whole id is in the tooltip and the envelope log.
      instance.textContent = instanceId?.split('-')[0] ?? '(no instanceId)';
      instance.title = `instanceId of the plugin, new on every plugin load: ${instanceId ?? 'none'}`;
    },
    connected() {
      set(meeting, meetingText, 'live', 'In meeting');
    },
    disconnected({ userInitiated, error, errorCode }) {
      if (userInitiated) set(meeting, meetingText, 'ended', 'Left the meeting');
      else set(meeting, meetingText, 'dropped', droppedText(error, errorCode));
    },
  };
}

/**
 * The header's words for a dropped call. Infinity's reason often starts with
 * "Call dropped" itself; saying it twice only pushed the code out of sight.
 */
export function droppedText(error: string | undefined, errorCode: string | undefined): string {
  const reason = error?.trim() ?? '';
  const head = reason === '' ? 'Call dropped' : /^call dropped\b/i.test(reason) ? reason : `Call dropped: ${reason}`;
  return errorCode ? `${head} · ${errorCode}` : head;
}
