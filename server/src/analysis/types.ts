/**
 * What call-site analysis finds in a document. Offsets are UTF-16 code unit
 * offsets into the document text (what TextDocument.positionAt expects).
 */

/** Answers "is this a catalogue method (or a manifest-declared custom one)?" */
export interface MethodNames {
  /** Case-insensitive; true for catalogue and custom methods. */
  has(name: string): boolean;
  /**
   * Case-insensitive; true when some method name matches `pattern`, where
   * `*` stands for one or more name characters (`crm.*.list` → true,
   * `crm.*.title` → false). Lets the analysis report a name built at run
   * time outside a call position (`const m = 'crm.' + type + '.list'`)
   * without flagging unrelated dotted keys. Optional: without it such
   * patterns are reported only in call positions.
   */
  matchesPattern?(pattern: string): boolean;
}

/** The family of language a document is analysed as. */
export type LanguageFamily =
  | 'js' // js, ts, jsx, tsx, vue (script parts)
  | 'php'
  | 'python'
  | 'go'
  | 'java'
  | 'csharp'
  | 'shell'
  | 'http'
  | 'markdown'
  | 'plain';

/** How a reference was recognised (for hover/tests/reporting). */
export type CallContext =
  | 'call' // first argument of a known REST call function (callMethod, CRest::call, ...)
  | 'batch' // a method inside a batch command (object/array/cmd string)
  | 'url' // a REST URL path
  | 'literal' // a whole string literal equal to a catalogue method name
  | 'constant'; // a constant holding a method name, used in the file

/** A REST method reference whose name is known. */
export interface MethodReference {
  /** The method name as written (case preserved). */
  name: string;
  /** Offset of the first character of the name. */
  start: number;
  /** Offset after the last character of the name. */
  end: number;
  context: CallContext;
  /** 3 when written as a REST 3.0 call (`/rest/api/...`, actions.v3). */
  version?: 2 | 3;
  /**
   * For call contexts where a params object literal follows: its offsets
   * (the `{` and after the `}`), so completion can offer parameter keys.
   */
  paramsRange?: { start: number; end: number };
}

/** A method name built at run time, which we report but never guess. */
export interface UnresolvedReference {
  /** The pattern as written, with `*` for the dynamic parts: `crm.*.list`. */
  pattern: string;
  start: number;
  end: number;
  context: CallContext;
}

/** An event or placement named in a registration call (event.bind, placement.bind, …). */
export interface BindingReference {
  kind: 'event' | 'placement';
  /** As written: 'ONCRMDEALADD', 'CRM_DEAL_DETAIL_TAB'. */
  name: string;
  /** Offsets of the name's characters (inside the quotes). */
  start: number;
  end: number;
  /** The registering method as documented: 'event.bind', 'event.unbind', 'placement.bind', 'placement.unbind', 'userfieldtype.add', 'imconnector.register', … */
  via: string;
}

/** The analysis of one document. */
export interface DocumentAnalysis {
  references: MethodReference[];
  unresolved: UnresolvedReference[];
  /** Events and placements named in registration calls, in document order. */
  bindings: BindingReference[];
  /** Lines (0-based) carrying a `bitrix24-disable-line` / `bitrix24-disable-next-line` suppression, with optional rule codes (empty = all). */
  suppressions: Map<number, string[]>;
}

/**
 * Where the cursor sits, for completion (returned by `completionContextAt`).
 * `start`/`end` are the offsets of the text completion replaces (the typed
 * prefix and any rest of the name/key); `prefix` is the text before the cursor.
 */
export type CompletionSlot =
  /** A method-name slot: call argument, batch entry, `method:` value, REST URL path. */
  | {
      kind: 'method';
      prefix: string;
      start: number;
      end: number;
      version?: 2 | 3;
      /** Which slot: a call argument, a batch command, a REST URL path, or another call's dotted string argument. */
      slot?: 'call' | 'batch' | 'url' | 'literal';
    }
  /** A key position inside the params object literal of a recognised call of `method`. */
  | {
      kind: 'param';
      method: string;
      prefix: string;
      start: number;
      end: number;
      present: string[];
      quoted: boolean;
      /** Keys from the params literal down to the cursor's object (`['fields']` inside `fields: {…}`); empty at the top. */
      path?: string[];
    }
  /** The event-name slot of event.bind / event.unbind. */
  | { kind: 'event'; prefix: string; start: number; end: number; /** `event.bind` or `event.unbind` as written. */ method?: string }
  /** The `PLACEMENT` value slot of placement.bind / placement.unbind. */
  | { kind: 'placement'; prefix: string; start: number; end: number; /** `placement.bind` or `placement.unbind` as written. */ method?: string };
