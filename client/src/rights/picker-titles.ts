/**
 * Titles of the Site Rights pickers: every step says which site (or role)
 * it edits and where the user is in the sequence, so a picker left open
 * behind another window still reads on its own. No `vscode` here.
 */

/** What a sequence of pickers edits, e.g. `Add rule to «Spring promo»`. */
export interface PickerHeading {
  text: string;
  /** How many steps the whole sequence has; omitted for a single question. */
  steps?: number;
}

/** "Add rule to «Spring promo» — 1/3: who" (or without the count for a single step). */
export function stepTitle(heading: PickerHeading | undefined, step: number, what: string): string {
  if (!heading) return what.charAt(0).toUpperCase() + what.slice(1);
  const count = heading.steps ? `${Math.min(step, heading.steps)}/${heading.steps}: ` : '';
  return `${heading.text} — ${count}${what}`;
}
