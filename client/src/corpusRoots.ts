/** Which folders of the workspace are corpora, so that raw .txt articles inside them get the Corroborate language. */
import * as vscode from 'vscode';
import * as path from 'node:path';

/** Folders with a corpus.yaml, plus (when enabled) workspace folders with none anywhere: zero configuration. */
export async function findCorpusRoots(): Promise<string[]> {
  const configs = await vscode.workspace.findFiles('**/corpus.yaml', '**/node_modules/**', 200);
  const roots = configs.map((u) => path.dirname(u.fsPath));
  const raw = vscode.workspace.getConfiguration('corroborate').get<boolean>('rawFolders', true);
  if (raw) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const inside = roots.some((r) => isInside(r, folder.uri.fsPath) || r === folder.uri.fsPath);
      if (!inside) roots.push(folder.uri.fsPath);
    }
  }
  return [...new Set(roots)];
}

/** True when `file` lies inside `folder`. */
export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
