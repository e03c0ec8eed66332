// The browser tests' launch, plus no background throttling so timers and tasks run at full speed.
export const NO_THROTTLING = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];
