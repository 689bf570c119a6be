/**
 * Custom LSP messages shared by the extension client and the language server.
 * Standard requests (hover, completion, ...) are not listed here.
 */

/** A method as listed by `bitrix24/listMethods`. */
export interface MethodSummary {
  name: string;
  version: 2 | 3;
  scope: string;
  title: string;
  url: string;
  deprecated: boolean;
}

export interface ListMethodsParams {
  /** Case-insensitive name prefix; empty lists everything. */
  prefix?: string;
}

/** Client → server: list catalogue methods, for the "Show Method Catalogue" picker. */
export const ListMethodsRequest = 'bitrix24/listMethods';

export interface CatalogueStats {
  methods: number;
  scopes: number;
  events: number;
}

/** Client → server: catalogue counts, shown by the client and used by tests as a readiness probe. */
export const CatalogueStatsRequest = 'bitrix24/catalogueStats';
