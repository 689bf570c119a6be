/**
 * RightsFileSystem over `vscode.workspace.fs`, rooted at a workspace folder
 * URI, so rights files, role files and journals work in remote and virtual
 * workspaces (Remote SSH, WSL, containers, Codespaces, any file system
 * provider) as they do on the local disk.
 */
import * as vscode from 'vscode';
import type { RightsFileSystem } from './rights-store';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

function notFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');
}

/** Creates a file system for workspace-relative rights paths (forward slashes) under `root`. */
export function workspaceFileSystem(root: vscode.Uri): RightsFileSystem {
  const uri = (rel: string) => vscode.Uri.joinPath(root, ...rel.split('/'));
  const parent = (rel: string) => vscode.Uri.joinPath(root, ...rel.split('/').slice(0, -1));
  const read = async (rel: string): Promise<string | undefined> => {
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(uri(rel)));
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  };
  const write = async (rel: string, text: string): Promise<void> => {
    await vscode.workspace.fs.createDirectory(parent(rel));
    await vscode.workspace.fs.writeFile(uri(rel), encoder.encode(text));
  };
  return {
    read,
    write,
    // workspace.fs has no append: read and write back. Journals are small, and the
    // rights commands run one at a time in this window.
    async append(rel, text) {
      await write(rel, `${(await read(rel)) ?? ''}${text}`);
    },
    async list(rel) {
      try {
        // A missing folder is the common case (nothing edited yet); stat first, as the host logs a failed read of a folder.
        if (((await vscode.workspace.fs.stat(uri(rel))).type & vscode.FileType.Directory) === 0) return [];
        return (await vscode.workspace.fs.readDirectory(uri(rel))).filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
      } catch (e) {
        if (notFound(e)) return [];
        throw e;
      }
    },
  };
}

/**
 * Whether Site Rights may write in this workspace: a trusted workspace on a
 * file system that accepts writes. Undefined reason means it may.
 */
export function writeRefusal(root: vscode.Uri | undefined): string | undefined {
  if (!root) return undefined;
  if (!vscode.workspace.isTrusted) {
    return vscode.l10n.t(
      'This workspace is in Restricted Mode: Site Rights does not write rights files, role files or the journal, and applies nothing. Trust the workspace to edit and apply.',
    );
  }
  if (vscode.workspace.fs.isWritableFileSystem(root.scheme) === false) {
    return vscode.l10n.t("The workspace's file system ({0}) is read-only, so rights files, role files and the journal cannot be written.", root.scheme);
  }
  return undefined;
}
