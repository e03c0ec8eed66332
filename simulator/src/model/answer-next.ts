// `__sim.answerNext(rpc, how)`: canned answers for the next calls of an RPC,
// whichever plugin makes them. The call then changes nothing.
import { NO_REPLY, type NoReply } from './no-reply';

/** `'result-false'`: Infinity's 200 with result false; `'silent'`: no reply; `{status, result?}`: Infinity's failure. */
export type SimAnswer = 'result-false' | 'silent' | { status: number; result?: string };

/** Check a `how` given to answerNext; returns what is wrong, or null. */
export function answerError(how: unknown): string | null {
  if (how === 'result-false' || how === 'silent') return null;
  if (typeof how === 'object' && how !== null) {
    const { status, result } = how as { status?: unknown; result?: unknown };
    if (typeof status === 'number' && Number.isInteger(status) && (result === undefined || typeof result === 'string')) return null;
  }
  return `expected 'result-false', 'silent' or {status: number, result?: string}, got ${JSON.stringify(how) ?? 'undefined'}`;
}

/** The reply a canned answer stands for. */
export function cannedReply(how: SimAnswer): unknown {
  if (how === 'silent') return NO_REPLY;
  if (how === 'result-false') return { status: 200, data: { status: 'success', result: false } };
  return { status: how.status, data: { status: 'failed', result: how.result } };
}

export class AnswerQueue {
  private readonly queued = new Map<string, SimAnswer[]>();

  /** Queue `how` for the next call of `rpc` (several queue up, first in first out). */
  push(rpc: string, how: SimAnswer): void {
    if (typeof rpc !== 'string' || rpc === '' || rpc === 'syn') throw new TypeError(`answerNext: rpc must be an RPC name other than 'syn', got ${JSON.stringify(rpc)}`);
    const bad = answerError(how);
    if (bad) throw new TypeError(`answerNext: ${bad}`);
    const list = this.queued.get(rpc) ?? [];
    list.push(typeof how === 'object' ? { ...how } : how);
    this.queued.set(rpc, list);
  }

  /** The answer queued for this call of `rpc`, taken off the queue; undefined when none. */
  take(rpc: string): SimAnswer | undefined {
    const list = this.queued.get(rpc);
    const how = list?.shift();
    if (list && list.length === 0) this.queued.delete(rpc);
    return how;
  }
}

export type { NoReply };
