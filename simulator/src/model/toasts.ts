// Toasts a plugin shows with `ui:toast:show` (plugin-api's showToast): the
// payload check, the log, and the queue Web App 3 keeps: one toast at a time,
// the next when it ends; `isInterrupt` replaces the current one, except one
// with `timeout: 0`, which stays until dismissed and discards the interrupter
// (NotificationToastMessage's doc comment in plugin-api's types.d.ts).
import type { GenericRPCReply, NotificationToastMessage } from '@pexip/plugin-api';
import { isRecord } from './is-record';
import type { SimToast } from '../harness/sim-api';

export const DEFAULT_TOAST_TIMEOUT_MS = 5000;

/** A checked toast, with Web App 3's defaults filled in. */
export interface ToastSpec {
  message: string;
  isDanger: boolean;
  isInterrupt: boolean;
  canDismiss: boolean;
  position: NonNullable<NotificationToastMessage['position']>;
  /** ms; 0 = until dismissed */
  timeout: number;
}

const OPTIONAL_BOOLEANS = ['isDanger', 'isInterrupt', 'canDismiss'] as const;

/** Pure: the toast, or what is wrong with the payload (naming the field). */
export function checkToast(payload: unknown): ToastSpec | { error: string } {
  if (!isRecord(payload)) return { error: `ui:toast:show needs an object payload {message, isDanger?, timeout?, position?, …}, got ${JSON.stringify(payload) ?? 'undefined'}` };
  const { message, timeout = DEFAULT_TOAST_TIMEOUT_MS, position = 'bottomCenter' } = payload;
  if (typeof message !== 'string') return { error: `ui:toast:show: 'message' must be a string, got ${JSON.stringify(message) ?? 'undefined'}` };
  for (const field of OPTIONAL_BOOLEANS) {
    const v = payload[field];
    if (v !== undefined && typeof v !== 'boolean') return { error: `ui:toast:show: '${field}' must be a boolean when given, got ${JSON.stringify(v)}` };
  }
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0) {
    return { error: `ui:toast:show: 'timeout' must be a number of milliseconds >= 0 when given, got ${JSON.stringify(timeout)}` };
  }
  if (position !== 'topCenter' && position !== 'bottomCenter') {
    return { error: `ui:toast:show: 'position' must be 'topCenter' or 'bottomCenter' when given, got ${JSON.stringify(position)}` };
  }
  return {
    message,
    isDanger: payload.isDanger === true,
    isInterrupt: payload.isInterrupt === true,
    canDismiss: payload.canDismiss === true,
    position,
    timeout,
  };
}

/** Where a toast is drawn (the page; a fake in unit tests). */
export interface ToastView {
  show(toast: ToastSpec, dismiss: () => void): void;
  hide(): void;
}

export interface ToastTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: ToastTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export class Toasts {
  /** every toast a plugin showed, in order (discarded interrupters included) */
  readonly log: SimToast[] = [];
  private current: ToastSpec | null = null;
  private timer: unknown = null;
  private readonly queue: ToastSpec[] = [];

  constructor(
    private readonly view: ToastView,
    private readonly newId: () => string,
    private readonly timers: ToastTimers = realTimers,
  ) {}

  /** `ui:toast:show`: a failed GenericRPCReply for a bad payload, as the other ui:* calls answer. */
  show(pluginId: string, payload: unknown): GenericRPCReply {
    const id = this.newId();
    const toast = checkToast(payload);
    if ('error' in toast) return { status: 'failed', reason: toast.error, id };
    const { message, isDanger, timeout, position } = toast;
    this.log.push({ pluginId, message, isDanger, timeout, position, t: this.timers.now() });
    if (!this.current) this.display(toast);
    else if (!toast.isInterrupt) this.queue.push(toast);
    else if (this.current.timeout !== 0) this.display(toast);
    return { status: 'ok', id, data: undefined };
  }

  /** the toast on screen, if any */
  get showing(): ToastSpec | null {
    return this.current;
  }

  /** The current toast ends (its timeout, or the user closed it); the next queued one follows. */
  dismiss(): void {
    this.stopTimer();
    this.current = null;
    const next = this.queue.shift();
    if (next) this.display(next);
    else this.view.hide();
  }

  private display(toast: ToastSpec): void {
    this.stopTimer();
    this.current = toast;
    // A close button clicked after this toast was replaced must not end the next one.
    const end = (): void => {
      if (this.current === toast) this.dismiss();
    };
    this.view.show(toast, end);
    if (toast.timeout > 0) this.timer = this.timers.setTimeout(end, toast.timeout);
  }

  private stopTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
