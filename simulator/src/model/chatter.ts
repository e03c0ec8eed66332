// Chat load for a demo: while the user is in the meeting, someone in the room
// says a friendly meeting line every `seconds`; one line in five goes privately
// to the user. Choices come from the page's seed, so a seed and a roster give
// the same conversation every time.
import type { InfinityParticipant } from '@pexip/plugin-api';
import { seededRandom, type ChurnClock } from './churn';
import type { Positional } from './roster-index';

export const CHATTER_LINES: readonly string[] = [
  'Good morning, everyone!',
  'Can you all hear me okay?',
  'Sorry, I was on mute.',
  'I will share the slides after the call.',
  'Could you repeat the last point, please?',
  'Agreed, let us go with that.',
  'I have a hard stop at the top of the hour.',
  'Thanks, that was really helpful.',
  'Let me check and get back to you.',
  'Quick question before we move on.',
  'Your audio is a bit choppy.',
  'Great work on the release, team!',
];

/** One line said: who, what, and whether it goes privately to the user. */
export interface ChatterLine {
  uuid: string;
  text: string;
  direct: boolean;
}

/** Pure: the next line, or null when nobody in the room can speak. */
export function nextLine(random: () => number, speakers: Positional<InfinityParticipant>): ChatterLine | null {
  if (speakers.length === 0) return null;
  const speaker = speakers.at(Math.floor(random() * speakers.length)) as InfinityParticipant;
  const text = CHATTER_LINES[Math.floor(random() * CHATTER_LINES.length)] as string;
  return { uuid: speaker.uuid, text, direct: random() < 0.2 };
}

export interface ChatterDeps {
  /** whether the user is in the meeting */
  active(): boolean;
  /** everyone else in the room who may write (not the lobby), in join order: read by position, not copied (a line costs O(log n) at 10,000) */
  speakers(): Positional<InfinityParticipant>;
  say(line: ChatterLine): void;
}

export class Chatter {
  private secondsValue = 0;
  private random: () => number;
  private timer: unknown = null;
  private wasActive = false;

  constructor(
    private readonly deps: ChatterDeps,
    private readonly seed = 1,
    private readonly clock: Pick<ChurnClock, 'setInterval' | 'clearInterval'> = {
      setInterval: (tick, ms) => setInterval(tick, ms),
      clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    },
  ) {
    this.random = seededRandom(seed);
  }

  /** seconds between lines; 0 = off */
  get seconds(): number {
    return this.secondsValue;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /** Set the interval (0 stops); it runs while the user is in the meeting (call `sync` when that changes). */
  setSeconds(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`chatter interval must be a number of seconds >= 0 (0 = off), got ${String(seconds)}`);
    }
    const restart = this.timer !== null && seconds !== this.secondsValue;
    this.secondsValue = seconds;
    if (restart) this.stopTimer();
    this.sync();
  }

  /** Start or stop the timer to match the interval and the meeting. Each meeting starts from the seed again. */
  sync(): void {
    const active = this.deps.active();
    if (active && !this.wasActive) this.random = seededRandom(this.seed);
    this.wasActive = active;
    const want = this.secondsValue > 0 && active;
    if (want && this.timer === null) this.timer = this.clock.setInterval(() => this.step(), this.secondsValue * 1000);
    else if (!want && this.timer !== null) this.stopTimer();
  }

  /** Say one line now (nothing outside a meeting or in an empty room). */
  step(): ChatterLine | null {
    if (!this.deps.active()) return null;
    const line = nextLine(this.random, this.deps.speakers());
    if (line) this.deps.say(line);
    return line;
  }

  private stopTimer(): void {
    this.clock.clearInterval(this.timer);
    this.timer = null;
  }
}
