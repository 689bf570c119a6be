/**
 * When diagnostics reach the editor: at once for a just-opened document, after a pause
 * in typing for edits, and after index updates for exactly the files they changed.
 * The language service computes them; this only decides when, and sends.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { LanguageService } from './language-service';
import type { LineDocument } from './line-document';
import type { ScopeService } from './scope-service';
import { Debouncer } from './publish-limits';
import { collectGarbageSoon } from './analysed-documents';
import { uriToPath } from './workspace/file-system';
import * as protocol from './protocol';

/** Pause after the last edit of a document before its diagnostics are computed and published. */
const PUBLISH_DEBOUNCE_MS = 100;

/**
 * Runs `task` after the messages that have already arrived are handled. The connection reads
 * input between turns of the event loop and handles each message in a `setImmediate` callback;
 * callbacks run in the order they were queued, so `task` goes two turns later: a hover sent
 * while the index took in a large file is answered before the publish that follows, not after it.
 */
function afterReceivedMessages(task: () => void): void {
  setImmediate(() => setImmediate(task));
}

/** Publishes one connection's diagnostics from one language service. */
export class Publisher {
  private readonly later = new Debouncer();
  private changedQueued = false;
  /** Documents too large to analyse whose text the stdio reader keeps (transport/): URI → length. */
  private readonly held = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<LineDocument>,
    private readonly service: LanguageService,
  ) {}

  /** Publishes everything reported for `uri` now, and asks the portal about names the catalogue does not know. */
  publish(uri: string): void {
    this.later.cancel(uri);
    const doc = this.documents.get(uri);
    const diagnostics = this.service.diagnostics(uri, doc, this.held.get(uri));
    const names = doc ? this.service.methodsToAsk(doc) : [];
    if (names.length) void this.connection.sendNotification(protocol.UnknownMethodsNotification, { names });
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** After an edit: a just-opened document is reported at once, an edited one after a pause in typing. */
  edited(uri: string): void {
    if (!this.service.hasDiagnostics(uri)) this.publish(uri);
    else this.later.schedule(uri, PUBLISH_DEBOUNCE_MS, () => this.publish(uri));
  }

  /**
   * A document too large to analyse was opened or edited; its text stays in the reader's thread.
   * Reported like any document: at once when opened, after a pause in typing when edited.
   */
  hold(uri: string, length: number): void {
    const edited = this.held.has(uri);
    this.held.set(uri, length);
    if (edited) this.later.schedule(uri, PUBLISH_DEBOUNCE_MS, () => this.publish(uri));
    else this.publish(uri);
  }

  /** A held document was closed (reported as closed), or reopened with its text (reported by that open). */
  release(uri: string, reopened: boolean): void {
    this.held.delete(uri);
    // Its message arrived as megabytes of pipe chunks on this thread: give them back (held documents are all large).
    collectGarbageSoon();
    if (!reopened) this.publish(uri);
  }

  /** Every open document again (settings or portal facts changed). */
  publishOpen(): void {
    [...this.documents.keys(), ...this.held.keys()].forEach((uri) => this.publish(uri));
  }

  /** Publishes what index updates changed: files whose findings changed, open documents whose catalogue view changed. */
  readonly publishChanged = (): void => {
    const changed = this.service.staleUris(this.documents.keys());
    if (changed.length === 0) return;
    // One document per turn of the event loop: a request that arrives meanwhile is answered between two
    // (a document of 100k findings takes a while to publish), not after all of them.
    const next = (i: number): void => {
      if (i === changed.length) {
        void this.connection.sendNotification(protocol.AppScopesChangedNotification);
        return;
      }
      if (!this.later.pending(changed[i])) this.publish(changed[i]);
      afterReceivedMessages(() => next(i + 1));
    };
    next(0);
  };

  /** Runs an index update, then publishes what it changed; several in a row (a branch switch) publish once. */
  indexThen(op: (s: ScopeService, path: string) => Promise<void>, uri: string): void {
    const path = uriToPath(uri);
    const scopes = this.service.workspace;
    if (!scopes || !path) return;
    op(scopes, path).then(
      () => this.publishChangedSoon(),
      (err: unknown) => this.connection.console.error(`Scope index: ${String(err)}`),
    );
  }

  private publishChangedSoon(): void {
    if (this.changedQueued) return;
    this.changedQueued = true;
    afterReceivedMessages(() => {
      this.changedQueued = false;
      this.publishChanged();
    });
  }
}
