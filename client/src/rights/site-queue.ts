/**
 * Changes to one site run one after another (per portal host and site id,
 * across workspace folders), so each starts from the result of the one
 * before: its plan's baseline and its journal's "before" are that result.
 */

/** Applies in flight, per portal and site; an entry is removed once nothing waits behind it. */
const inFlight = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task with the same key has settled. */
export function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const result = (inFlight.get(key) ?? Promise.resolve()).then(task);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  inFlight.set(key, tail);
  void tail.then(() => {
    if (inFlight.get(key) === tail) inFlight.delete(key);
  });
  return result;
}
