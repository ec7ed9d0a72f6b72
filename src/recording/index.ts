/**
 * Recording a real account for offline replay (see README.md here). Exported from the package root, so this file
 * loads only what a recorder needs: the proxy (node:http) and file writing (node:fs) load when first used.
 */
import type { RecordingProxy, RecordingProxyOptions } from './recording-proxy.js';

export { createRecorder, type Recorder, type RecorderOptions, type SnapshotTools } from './recorder.js';
export type { RecordingProxy, RecordingProxyOptions } from './recording-proxy.js';
export { REDACTED_VALUE, SECRET_FIELD_NAMES, SECRET_HEADER_NAMES } from './scrub.js';
export {
  type RecordedQueryValue,
  type RecordedRequest,
  type RecordedResponse,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotRecording,
  type TrutoToolsSnapshot,
} from './snapshot.js';

/**
 * Starts a loopback proxy that forwards to real Truto with your key and appends every Proxy API exchange, scrubbed,
 * to a snapshot file (created with the account's catalog when missing). Point any client's base URL at
 * `proxy.baseUrl`, with `proxy.token` (or the real key) as its API key; `await proxy.close()` when done.
 */
export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const { startRecordingProxy: start } = await import('./recording-proxy.js');
  return start(options);
}
