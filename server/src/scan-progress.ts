/**
 * Whole-workspace reads (the first scan, a changed exclusion) with per-file progress
 * in the editor's status bar, and a one-time notice of what the scan left out.
 */
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import type { ScopeService } from './scope-service';
import type { ScanProgress } from './workspace/workspace-index';
import { leftOutNotice } from './workspace/scan-settings';

/** Reports scans of one workspace to one connection. */
export class ScanProgressReporter {
  private report: ((p: ScanProgress) => void) | undefined;
  private noticeShown = false;

  constructor(
    private readonly connection: Connection,
    private readonly canShowProgress: () => boolean,
  ) {}

  /** Hand this to the workspace index: it forwards progress to the scan under way. */
  readonly onProgress = (p: ScanProgress): void => this.report?.(p);

  /** Runs `op` with progress, then `done` (publishing what changed); failures go to the log, never to the editor. */
  async run(title: string, service: ScopeService, op: () => Promise<void>, done: () => void): Promise<void> {
    const progress = this.canShowProgress() ? await this.connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Bitrix24: checking scopes', 0, title);
    let last = -1;
    this.report = ({ done, total }) => {
      const pct = Math.floor((done / Math.max(1, total)) * 100);
      if (pct !== last) progress?.report(pct, `${done}/${total} files`);
      last = pct;
    };
    try {
      await op();
      done();
      const notice = leftOutNotice(service.index.leftOut(), service.index.invalidExcludes());
      if (notice) {
        this.connection.console.info(notice.log);
        // A notification, not a request: nothing waits on the user, and a client without message support loses nothing.
        if (notice.show && !this.noticeShown)
          void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: notice.show });
        this.noticeShown ||= notice.show !== undefined;
      }
    } catch (err) {
      this.connection.console.error(`Workspace scan failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.report = undefined;
      progress?.done();
    }
  }
}
