/**
 * Applying the server's claim and quote-link edits. Annotation files are written atomically (see annotationFiles.ts);
 * corpus.yaml stays a workspace edit the editor can undo, then saved. Each command is one step of this editor's own
 * undo stack, which holds every file's text before and after, so the Corroborate undo/redo commands step through the
 * changes from any editor (the article's own undo stack never holds them, since the article is not edited).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { dirtyBuffer, plannedWrites, textOf, writeAtomically, type FileWrite } from '../annotationFiles';

/** What the server answers for an edit of annotation files or of corpus.yaml. */
export interface ServerEdit {
  edit: WorkspaceEdit | null;
  files: string[];
  error?: string;
}

interface FileState extends FileWrite {
  /** corpus.yaml: written through its buffer (a workspace edit, then saved) rather than atomically. */
  registry: boolean;
}

interface Step {
  label: string;
  files: FileState[];
}

export class ClaimEditor {
  private readonly undoStack: Step[] = [];
  private readonly redoStack: Step[] = [];
  private open: Step | undefined;
  /** The write in progress: Undo and Redo wait for it, so a quick Ctrl+Alt+Z undoes the change just made. */
  private writing: Promise<unknown> = Promise.resolve();
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
      if (outer) this.open = undefined;
    }
  }

  /** Writes a server edit of annotation files atomically; false (after telling the user) when it failed or was refused. */
  apply(result: ServerEdit, label: string): Promise<boolean> {
    return this.record(result, label, async (edit) => {
      const writes = await plannedWrites(edit);
      if (typeof writes === 'string') return writes;
      await writeAtomically(this.client, writes);
      return writes.map((w) => ({ ...w, registry: false }));
    });
  }

  /** Applies a server edit of corpus.yaml as an undoable workspace edit and saves it; refused while it has unsaved changes. */
  applyRegistry(result: ServerEdit, label: string): Promise<boolean> {
    return this.record(result, label, async (edit) => {
      const uris = result.files.map((f) => vscode.Uri.parse(f));
      const dirty = uris.find((u) => dirtyBuffer(u));
      if (dirty) return `${vscode.workspace.asRelativePath(dirty)} has unsaved changes: save or revert it, then try again.`;
      const before = await Promise.all(uris.map(textOf));
      if (!(await vscode.workspace.applyEdit(await this.client.protocol2CodeConverter.asWorkspaceEdit(edit)))) return 'the file could not be changed.';
      const files: FileState[] = [];
      for (const [i, uri] of uris.entries()) {
        const doc = await vscode.workspace.openTextDocument(uri);
        await doc.save();
        files.push({ uri, before: before[i], after: doc.getText(), registry: true });
      }
      return files;
    });
  }

  /** Runs `write` for a server edit inside an undo step; it returns the files it changed, or why it refused. */
  private async record(result: ServerEdit, label: string, write: (edit: WorkspaceEdit) => Promise<FileState[] | string>): Promise<boolean> {
    if (result.error) {
      void vscode.window.showErrorMessage(`Corroborate: ${result.error}`);
      return false;
    }
    const edit = result.edit;
    if (!edit) return true;
    return this.step(label, async () => {
      const writing = write(edit);
      this.writing = writing.catch(() => undefined);
      const files = await writing;
      if (typeof files === 'string') {
        void vscode.window.showErrorMessage(`Corroborate: ${label} not done: ${files}`);
        return false;
      }
      // The step is undoable from its first write on, not only once the rest of its form is filled in.
      const step = this.open!;
      step.files.push(...files);
      if (files.length && !this.undoStack.includes(step)) {
        this.undoStack.push(step);
        this.redoStack.length = 0;
      }
      await this.updateContext();
      this.changed.fire();
      return true;
    });
  }

  /** Undoes the last claim change, provided its files still hold what it wrote. */
  undo(): Promise<void> {
    return this.replay('undo', this.undoStack, this.redoStack);
  }

  /** Redoes the last undone claim change. */
  redo(): Promise<void> {
    return this.replay('redo', this.redoStack, this.undoStack);
  }

  /** Moves the top step of `from` onto `to` once its files are restored; it stays where it was when they cannot be. */
  private async replay(direction: 'undo' | 'redo', from: Step[], to: Step[]): Promise<void> {
    await this.writing;
    const step = from.pop();
    if (!step) {
      void vscode.window.showInformationMessage(`Corroborate: no claim change to ${direction}.`);
      return;
    }
    if (await this.restore(step, direction)) to.push(step);
    else from.push(step);
    await this.updateContext();
  }

  private async restore(step: Step, direction: 'undo' | 'redo'): Promise<boolean> {
    for (const f of step.files) {
      const expected = direction === 'undo' ? f.after : f.before;
      const now = await textOf(f.uri);
      if (now !== expected && !(expected === null && now === '')) {
        const why = dirtyBuffer(f.uri) ? 'has unsaved changes' : 'changed since';
        void vscode.window.showWarningMessage(`Corroborate: cannot ${direction} “${step.label}”: ${vscode.workspace.asRelativePath(f.uri)} ${why}.`);
        return false;
      }
    }
    const target = (f: FileState) => (direction === 'undo' ? f.before : f.after);
    const registry = step.files.filter((f) => f.registry);
    const annotations = step.files.filter((f) => !f.registry);
    if (registry.length) {
      const edit = new vscode.WorkspaceEdit();
      for (const f of registry) {
        const text = target(f);
        if (text === null) edit.deleteFile(f.uri, { ignoreIfNotExists: true });
        else if ((await textOf(f.uri)) === null) {
          edit.createFile(f.uri, { ignoreIfExists: true });
          edit.insert(f.uri, new vscode.Position(0, 0), text);
        } else {
          const doc = await vscode.workspace.openTextDocument(f.uri);
          edit.replace(f.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
        }
      }
      if (!(await vscode.workspace.applyEdit(edit))) return false;
      for (const f of registry) if (target(f) !== null) await (await vscode.workspace.openTextDocument(f.uri)).save();
    }
    await writeAtomically(this.client, annotations.map((f) => ({ uri: f.uri, after: target(f) })));
    this.changed.fire();
    return true;
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'corroborate.canUndoClaim', this.undoStack.length > 0);
    await vscode.commands.executeCommand('setContext', 'corroborate.canRedoClaim', this.redoStack.length > 0);
  }
}
