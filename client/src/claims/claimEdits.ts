/**
 * Applying the server's claim edits: each is a workspace edit on an annotation file (or corpus.yaml), applied so
 * the editor can undo it, then saved. The Corroborate undo/redo commands step through the same changes from any
 * editor (the article's own undo stack never holds them, since the article is not edited).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ClaimEditResult } from '../../../server/src/protocol';

interface FileState {
  uri: vscode.Uri;
  /** Text before the change; null when the change created the file. */
  before: string | null;
  after: string;
}

interface Step {
  label: string;
  files: FileState[];
}

export class ClaimEditor {
  private readonly undoStack: Step[] = [];
  private readonly redoStack: Step[] = [];
  private open: Step | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every applied, undone or redone change. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  /** Groups the changes made inside `run` into one undo step (a new tag and the claim that uses it undo together). */
  async step<T>(label: string, run: () => Promise<T>): Promise<T> {
    const outer = !this.open;
    if (outer) this.open = { label, files: [] };
    try {
      return await run();
    } finally {
      if (outer) {
        const done = this.open!;
        this.open = undefined;
        if (done.files.length) {
          this.undoStack.push(done);
          this.redoStack.length = 0;
          await this.updateContext();
        }
      }
    }
  }

  /** Applies a server edit and saves the files it touched; false (after telling the user) when it failed. */
  async apply(result: ClaimEditResult, label: string): Promise<boolean> {
    if (result.error) {
      void vscode.window.showErrorMessage(`Corroborate: ${result.error}`);
      return false;
    }
    if (!result.edit) return true;
    return this.step(label, async () => {
      const uris = result.files.map((f) => vscode.Uri.parse(f));
      const before = await Promise.all(uris.map(textOf));
      const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(result.edit!);
      if (!(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showErrorMessage('Corroborate: the annotation file could not be changed (is it open with unsaved changes?).');
        return false;
      }
      for (const [i, uri] of uris.entries()) {
        const doc = await vscode.workspace.openTextDocument(uri);
        await doc.save();
        this.open!.files.push({ uri, before: before[i], after: doc.getText() });
      }
      this.changed.fire();
      return true;
    });
  }

  /** Undoes the last claim change, provided its files still hold what it wrote. */
  async undo(): Promise<void> {
    const step = this.undoStack.pop();
    if (!step) {
      void vscode.window.showInformationMessage('Corroborate: no claim change to undo.');
      return;
    }
    if (await this.restore(step, 'undo')) this.redoStack.push(step);
    else this.undoStack.push(step);
    await this.updateContext();
  }

  /** Redoes the last undone claim change. */
  async redo(): Promise<void> {
    const step = this.redoStack.pop();
    if (!step) {
      void vscode.window.showInformationMessage('Corroborate: no claim change to redo.');
      return;
    }
    if (await this.restore(step, 'redo')) this.undoStack.push(step);
    else this.redoStack.push(step);
    await this.updateContext();
  }

  private async restore(step: Step, direction: 'undo' | 'redo'): Promise<boolean> {
    for (const f of step.files) {
      const expected = direction === 'undo' ? f.after : f.before;
      const now = await textOf(f.uri);
      if ((now ?? null) !== (expected ?? null) && !(expected === null && now === '')) {
        void vscode.window.showWarningMessage(`Corroborate: cannot ${direction} “${step.label}”: ${vscode.workspace.asRelativePath(f.uri)} changed since.`);
        return false;
      }
    }
    const edit = new vscode.WorkspaceEdit();
    for (const f of step.files) {
      const target = direction === 'undo' ? f.before : f.after;
      if (target === null) edit.deleteFile(f.uri, { ignoreIfNotExists: true });
      else if ((await textOf(f.uri)) === null) {
        edit.createFile(f.uri, { ignoreIfExists: true });
        edit.insert(f.uri, new vscode.Position(0, 0), target);
      } else {
        const doc = await vscode.workspace.openTextDocument(f.uri);
        edit.replace(f.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), target);
      }
    }
    if (!(await vscode.workspace.applyEdit(edit))) return false;
    for (const f of step.files) {
      const target = direction === 'undo' ? f.before : f.after;
      if (target !== null) await (await vscode.workspace.openTextDocument(f.uri)).save();
    }
    this.changed.fire();
    return true;
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'corroborate.canUndoClaim', this.undoStack.length > 0);
    await vscode.commands.executeCommand('setContext', 'corroborate.canRedoClaim', this.redoStack.length > 0);
  }
}

/** A file's text (an open buffer wins), or null when it does not exist. */
async function textOf(uri: vscode.Uri): Promise<string | null> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}
