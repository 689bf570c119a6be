/** Shared helpers for the analysis tests: a small method list and compact views of results. */
import { analyse } from '../../../server/src/analysis/analyse';
import { createMethodNames } from '../../../server/src/analysis/method-names';
import type { DocumentAnalysis, LanguageFamily } from '../../../server/src/analysis/types';

/** The names the tests know (a slice of the real catalogue, plus the dotless ones). */
export const names = createMethodNames([
  'crm.lead.add',
  'crm.lead.get',
  'crm.lead.list',
  'crm.lead.update',
  'crm.lead.fields',
  'crm.lead.userfield.list',
  'crm.deal.add',
  'crm.deal.get',
  'crm.deal.list',
  'crm.deal.fields',
  'crm.contact.list',
  'crm.company.add',
  'crm.item.get',
  'crm.item.list',
  'crm.item.batchImport',
  'crm.product.add',
  'crm.status.list',
  'crm.activity.list',
  'user.get',
  'user.current',
  'department.get',
  'event.bind',
  'event.unbind',
  'tasks.task.list',
  'tasks.task.get',
  'call.followup.get',
  'catalog.catalog.isOffers',
  'placement.bind',
  'placement.unbind',
  'userfieldtype.add',
  'imconnector.register',
  'profile',
  'scope',
  'batch',
  'methods',
  'events',
]);

/** `name@context` for each reference, in document order. */
export function refs(text: string, family: LanguageFamily): string[] {
  return analyse(text, family, names).references.map((r) => `${r.name}@${r.context}`);
}

/** Patterns of the unresolved references. */
export function unresolved(text: string, family: LanguageFamily): string[] {
  return analyse(text, family, names).unresolved.map((u) => `${u.pattern}@${u.context}`);
}

/** The full analysis. */
export function run(text: string, family: LanguageFamily): DocumentAnalysis {
  return analyse(text, family, names);
}

/** Splits `text` at the `|` cursor marker: the text without it and the cursor offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
