/** The status bar item: index state at a glance, click to reindex. */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

export class IndexStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('corroborate.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Corroborate index';
    this.item.command = 'corroborate.reindex';
    this.item.text = '$(sync~spin) Corroborate';
    this.update();
  }

  /** Shows the state the server reported. */
  set(s: StatusParams): void {
    if (s.state === 'indexing') {
      this.item.text = '$(sync~spin) Corroborate: indexing…';
      this.item.tooltip = 'Indexing the corpus';
    } else {
      this.item.text = `$(book) ${s.documents} docs · ${s.actors} actors · ${s.quotes} quotes${s.errors ? ` · $(error) ${s.errors}` : ''}`;
      const md = new vscode.MarkdownString(`**Corroborate**  \n${s.corpora} corpus folder${s.corpora === 1 ? '' : 's'}, ${s.documents} documents, ${s.actors} actors, ${s.quotes} quotations, ${s.links} quote links${s.errors ? `, ${s.errors} errors (see Problems)` : ''}  \nClick to reindex.`);
      this.item.tooltip = md;
    }
    this.update();
  }

  update(): void {
    if (vscode.workspace.getConfiguration('corroborate').get<boolean>('statusBar', true)) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
