/** Files the client wrote on disk itself (annotation files, written atomically): read again before the next request. */
import { existsSync } from 'node:fs';
import { URI } from 'vscode-uri';
import type { FeatureRegistration } from '../context';
import { FilesWrittenRequest, type FilesWrittenParams } from '../../protocol';

export const registerFilesWritten: FeatureRegistration = (ctx) => {
  ctx.connection.onRequest(FilesWrittenRequest, async (params: FilesWrittenParams): Promise<null> => {
    await ctx.ready();
    const touched = new Set<(typeof ctx.corpora.corpora)[number]>();
    for (const uri of params.uris) {
      if (!uri.startsWith('file:')) continue;
      const fsPath = URI.parse(uri).fsPath;
      const hit = ctx.corpora.locate(fsPath);
      if (!hit) continue;
      // An open buffer still wins in the engine; the editor reloads a clean one from disk and tells us as a change.
      const type = !existsSync(fsPath) ? 'deleted' : hit.corpus.engine.getText(hit.path) === undefined ? 'created' : 'changed';
      hit.corpus.workspace.fire([{ path: hit.path, type }]);
      touched.add(hit.corpus);
    }
    for (const corpus of touched) await corpus.engine.settled();
    if (touched.size) ctx.schedulePublish();
    return null;
  });
};
