/**
 * @pexip/plugin-api's channel reads `event.data.chanId` without checking
 * `data`, so anyone posting `null` or `undefined` to the plugin's window
 * makes its listener throw. Such messages carry nothing for anyone: stop them
 * in the capture phase, which runs before every bubbling listener.
 */
export function dropEmptyMessages(target: Window): void {
  target.addEventListener(
    'message',
    (event) => {
      if (event.data === null || event.data === undefined) event.stopImmediatePropagation();
    },
    { capture: true },
  );
}
