/**
 * One `abort` listener per AbortSignal, however many calls share it. An agent often passes one signal to every call
 * of a turn; a listener per call (in the queue, in undici, in a retry wait) put 11 or more on the same signal, and
 * Node then prints `MaxListenersExceededWarning` although nothing leaks. Here the signal holds one listener while
 * anyone is subscribed, which calls every subscriber, and none once the last has left.
 */

const subscribers = new WeakMap<AbortSignal, Set<() => void>>();
const listeners = new WeakMap<AbortSignal, () => void>();

/**
 * Calls `onAbort` once when `signal` aborts (not at all when it already has: check `signal.aborted` first).
 * @returns unsubscribes; call it when the work is done, so a long-lived signal does not keep what the call held.
 */
export function subscribeToAbort(signal: AbortSignal, onAbort: () => void): () => void {
  let callbacks = subscribers.get(signal);
  if (callbacks === undefined) {
    const set = new Set<() => void>();
    callbacks = set;
    const listener = (): void => {
      subscribers.delete(signal);
      listeners.delete(signal);
      for (const callback of set) callback();
      set.clear();
    };
    subscribers.set(signal, set);
    listeners.set(signal, listener);
    signal.addEventListener('abort', listener, { once: true });
  }
  callbacks.add(onAbort);
  const subscribed = callbacks;
  return () => {
    if (!subscribed.delete(onAbort) || subscribed.size > 0) return;
    // The last subscriber left: take the listener off, so an idle signal carries nothing of ours.
    const listener = listeners.get(signal);
    if (listener !== undefined && subscribers.get(signal) === subscribed) {
      signal.removeEventListener('abort', listener);
      subscribers.delete(signal);
      listeners.delete(signal);
    }
  };
}
