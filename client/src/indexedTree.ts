/** Tree views that show what the server indexed: empty with a message until the first index, refreshed as it changes. */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

export abstract class IndexedTreeProvider<N> implements vscode.TreeDataProvider<N> {
  private readonly changed = new vscode.EventEmitter<N | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Requests wait for the first index: before that the server has nothing to say. */
  indexed = false;
  view: vscode.TreeView<N> | undefined;

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: N): Promise<N[]> {
    if (!this.indexed) {
      this.setMessage('Indexing the corpus…');
      return [];
    }
    return this.children(node);
  }

  /** The children once the corpus is indexed (the roots for no node). */
  protected abstract children(node?: N): Promise<N[]>;

  abstract getTreeItem(node: N): vscode.TreeItem;

  protected setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message;
  }
}

/** The callback for every index status the server sends: marks the view indexed and refreshes it once edits pause. */
export function followIndex(provider: IndexedTreeProvider<unknown>): (status: StatusParams) => void {
  let timer: NodeJS.Timeout | undefined;
  return (status) => {
    if (status.state !== 'ready') return;
    provider.indexed = true;
    // Edits send a status each time: refresh once they pause.
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => provider.refresh(), 250);
  };
}
