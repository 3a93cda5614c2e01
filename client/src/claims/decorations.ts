/**
 * Claims in the article: a claim with one tag gets a tint and underline in that tag's colour; one with several tags a
 * neutral tint, a dashed underline and a coloured dot per tag after the passage (hover a dot for its tag), so no tag
 * is hidden behind the first one's colour. Also a gutter mark, and code lenses (listing every tag) to edit or delete.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClaimsRequest, type ClaimInfo } from '../../../server/src/protocol';

const toRange = (r: ClaimInfo['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export class ClaimDecorations implements vscode.Disposable, vscode.CodeLensProvider {
  private readonly byColor = new Map<string, vscode.TextEditorDecorationType>();
  private readonly gutter: vscode.TextEditorDecorationType;
  private readonly multiTag: vscode.TextEditorDecorationType;
  /** One type per dot position, created in order, so a claim's dots always read in the order of its tags. */
  private readonly dotSlots: vscode.TextEditorDecorationType[] = [];
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly cache = new Map<string, ClaimInfo[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LanguageClient,
    media: vscode.Uri,
  ) {
    this.gutter = vscode.window.createTextEditorDecorationType({ gutterIconPath: vscode.Uri.joinPath(media, 'claim.svg'), gutterIconSize: 'contain' });
    this.multiTag = vscode.window.createTextEditorDecorationType({
      backgroundColor: '#88888822',
      borderColor: '#888888',
      borderStyle: 'dashed',
      borderWidth: '0 0 2px 0',
      overviewRulerColor: '#888888',
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
  }

  /** Re-asks the server for the claims of visible articles (debounced: state changes come in bursts). */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refreshNow(), 100);
  }

  private async refreshNow(): Promise<void> {
    this.cache.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.scheme !== 'file') continue;
      const claims = await this.claimsOf(editor.document.uri);
      this.paint(editor, claims);
    }
    this.lensesChanged.fire();
  }

  private async claimsOf(uri: vscode.Uri): Promise<ClaimInfo[]> {
    const key = uri.toString();
    let claims = this.cache.get(key);
    if (!claims) {
      claims = (await this.client.sendRequest<ClaimInfo[]>(ClaimsRequest, { uri: key, document: true }).catch(() => [] as ClaimInfo[])).filter((c) => c.uri === key);
      this.cache.set(key, claims);
    }
    return claims;
  }

  private paint(editor: vscode.TextEditor, claims: ClaimInfo[]): void {
    const ranges = new Map<string, vscode.DecorationOptions[]>();
    const multi: vscode.DecorationOptions[] = [];
    const dots: vscode.DecorationOptions[][] = [];
    const gutter: vscode.Range[] = [];
    for (const c of claims) {
      if (c.status === 'orphaned') continue;
      const range = toRange(c.range);
      gutter.push(new vscode.Range(range.start, range.start));
      if (c.tags.length > 1) {
        multi.push({ range });
        c.tags.forEach((t, i) => {
          (dots[i] ??= []).push({
            range: new vscode.Range(range.end, range.end),
            renderOptions: { after: { contentText: '●', color: t.color, margin: '0 0 0 1px' } },
            hoverMessage: `Tag: ${t.label}`,
          });
        });
        continue;
      }
      const color = c.tags[0]?.color ?? '#888888';
      const list = ranges.get(color) ?? [];
      list.push({ range });
      ranges.set(color, list);
    }
    for (const color of ranges.keys()) this.typeFor(color);
    for (const [color, type] of this.byColor) editor.setDecorations(type, ranges.get(color) ?? []);
    editor.setDecorations(this.multiTag, multi);
    while (this.dotSlots.length < dots.length) this.dotSlots.push(vscode.window.createTextEditorDecorationType({}));
    this.dotSlots.forEach((type, i) => editor.setDecorations(type, dots[i] ?? []));
    editor.setDecorations(this.gutter, gutter);
  }

  private typeFor(color: string): vscode.TextEditorDecorationType {
    let type = this.byColor.get(color);
    if (!type) {
      type = vscode.window.createTextEditorDecorationType({
        backgroundColor: `${color}22`,
        borderColor: color,
        borderStyle: 'solid',
        borderWidth: '0 0 2px 0',
        overviewRulerColor: color,
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.byColor.set(color, type);
    }
    return type;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('corroborate').get<boolean>('claimCodeLens', true)) return [];
    const claims = await this.claimsOf(document.uri);
    const lenses: vscode.CodeLens[] = [];
    for (const c of claims) {
      if (c.status === 'orphaned') continue;
      const range = toRange(c.range);
      const ref = { uri: c.uri, id: c.id };
      const what = [c.speaker?.name ?? 'no speaker', c.tags.map((t) => t.label).join(', ') || 'no tags'].join(' · ');
      lenses.push(new vscode.CodeLens(range, { title: `$(tag) Claim: ${what}`, command: 'corroborate.editClaim', arguments: [ref], tooltip: 'Edit this claim' }));
      lenses.push(new vscode.CodeLens(range, { title: 'Delete', command: 'corroborate.deleteClaim', arguments: [ref], tooltip: 'Delete this claim' }));
    }
    return lenses;
  }

  dispose(): void {
    for (const t of [...this.byColor.values(), ...this.dotSlots]) t.dispose();
    this.gutter.dispose();
    this.multiTag.dispose();
    this.lensesChanged.dispose();
  }
}
