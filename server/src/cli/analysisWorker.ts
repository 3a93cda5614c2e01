/** Worker thread of the analysis pool (analysisPool.ts): analyses the chunks it is sent and answers with plain data. */
import { parentPort } from 'node:worker_threads';
import { analyzeDocument, toDocumentData } from '../core/model/document';
import type { ChunkReply, ChunkRequest } from './analysisPool';

parentPort?.on('message', (request: ChunkRequest) => {
  let reply: ChunkReply;
  try {
    reply = { id: request.id, docs: request.items.map((item) => toDocumentData(analyzeDocument(item.path, item.content))) };
  } catch (e) {
    reply = { id: request.id, error: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
