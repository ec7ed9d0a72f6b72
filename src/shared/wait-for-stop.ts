/**
 * Resolves on SIGINT, SIGTERM or the signal's abort, whichever comes first, and then removes all three listeners.
 * Shared by the long-running CLI commands (`truto mcp`, the sandbox) so a stop is handled the same way in both.
 */
export function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    if (signal?.aborted) return stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
}
