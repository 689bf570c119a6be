/** The workspace scan's default analyser: the project's own call analysis. */
import { analyse, familyOf } from '../analysis/analyse';
import type { LanguageFamily } from '../analysis/types';
import type { SourceAnalyser } from './source-analyser';

/**
 * Families whose calls are app code. Markdown and .http files hold examples
 * and scratch requests, not what the app ships, so the workspace check leaves them out.
 */
const APP_CODE: ReadonlySet<LanguageFamily> = new Set(['js', 'php', 'python', 'go', 'java', 'csharp', 'shell']);

/** The project's own call analysis, for the files its language families cover. */
export const defaultAnalyser: SourceAnalyser = {
  accepts(path) {
    const family = familyOf('', path);
    return family !== undefined && APP_CODE.has(family);
  },
  analyse(path, text, names) {
    return analyse(text, familyOf('', path) ?? 'plain', names);
  },
  familyOf(path) {
    return familyOf('', path) ?? 'plain';
  },
};
