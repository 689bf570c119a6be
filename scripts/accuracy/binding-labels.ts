/**
 * What a reader of a documentation example says it registers: the event or
 * placement an example of `event.bind` / `placement.bind` (and their
 * unbind) passes, and the placement `userfieldtype.add` /
 * `imconnector.register` create. Read from the text with plain patterns,
 * not with the analysis, so the score is not the analysis grading itself.
 */

/** One expected event or placement of an example. */
export interface BindingLabel {
  kind: 'event' | 'placement';
  name: string;
}

/** `event: 'X'`, `'event' => "X"`, `"event": "X"`, `event='X'`, or a form/query field `event=X`. */
const EVENT_VALUE = /\bevent["']?\s*(?:(?::|=>|=)\s*["']([A-Za-z][A-Za-z0-9_]*)["']|=([A-Za-z][A-Za-z0-9_]*)\b)/gi;
const PLACEMENT_VALUE = /\bplacement["']?\s*(?:(?::|=>|=)\s*["']([A-Za-z][A-Za-z0-9_]*)["']|=([A-Za-z][A-Za-z0-9_]*)\b)/gi;

/**
 * The labels of example `code`: event names written as the `event` value in
 * an example that calls event.bind/event.unbind, placement codes written as
 * the `PLACEMENT` value in one that calls placement.bind/placement.unbind,
 * and the placements the other two registering methods create.
 */
export function bindingLabels(code: string): BindingLabel[] {
  const lower = code.toLowerCase();
  const out: BindingLabel[] = [];
  const seen = new Set<string>();
  const add = (kind: BindingLabel['kind'], name: string): void => {
    const key = `${kind}:${name.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, name });
  };
  if (/\bevent\.(un)?bind\b/.test(lower)) {
    for (const m of code.matchAll(EVENT_VALUE)) add('event', m[1] ?? m[2]);
  }
  if (/\bplacement\.(un)?bind\b/.test(lower)) {
    // Placement codes are upper case; anything else in that key is not a code.
    for (const m of code.matchAll(PLACEMENT_VALUE)) if (/^[A-Z][A-Z0-9_]*$/.test(m[1] ?? m[2])) add('placement', m[1] ?? m[2]);
  }
  // b24phpsdk typed services take the name first: `->event()->bind('ONCRMDEALADD', …)`, `->placement()->bind('CRM_DEAL_DETAIL_TAB', …)`.
  for (const m of code.matchAll(/->(event|placement)\(\)\s*->\s*(?:un)?bind\(\s*["']([A-Za-z][A-Za-z0-9_]*)["']/g)) add(m[1] as BindingLabel['kind'], m[2]);
  // The same with the name in a PHP variable assigned one string in the example: `$eventCode = 'X'; …->unbind($eventCode, …)`.
  for (const m of code.matchAll(/->(event|placement)\(\)\s*->\s*(?:un)?bind\(\s*(\$[A-Za-z_]\w*)\s*[,)]/g)) {
    const values = [...code.matchAll(new RegExp(`\\${m[2]}\\s*=\\s*["']([A-Za-z][A-Za-z0-9_]*)["']\\s*;`, 'g'))].map((v) => v[1]);
    if (values.length === 1) add(m[1] as BindingLabel['kind'], values[0]);
  }
  if (/\buserfieldtype\.add\b/.test(lower)) add('placement', 'USERFIELD_TYPE');
  if (/\bimconnector\.register\b/.test(lower)) add('placement', 'SETTING_CONNECTOR');
  return out;
}
