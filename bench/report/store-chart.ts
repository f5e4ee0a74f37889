import { PipelineFigures } from '../sync/sync-pipeline';
import { LogInFigures, SyncInboxFigures } from '../sync/sync-inbox-bench';
import { logLogLines, Series, svgDocument } from './svg-chart';

const V1_COLOR = '#d62728';
const V2_COLOR = '#1f77b4';
const LOGIN_COLOR = '#2ca02c';

const formatBytes = (bytes: number): string => {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB`;
  return `${bytes.toLocaleString('en-US', { maximumFractionDigits: 1 })} B`;
};

/**
 * Left: ms of one sync with one new message, the single blob of protocol 1 (every step of its
 * pipeline) beside the user store of protocol 2 (the client's SyncInbox), plus the log-in. Right:
 * bytes that sync uploads.
 */
export const storeSyncChart = (
  pipeline: readonly PipelineFigures[],
  syncInbox: readonly SyncInboxFigures[],
  logIn: readonly LogInFigures[],
  footnote: string,
): string => {
  const width = 1000;
  const height = 480;
  const times: Series[] = [
    { label: 'v1: one blob (pipeline)', color: V1_COLOR, emphasis: true, points: pipeline.map((f) => ({ x: f.messages, y: f.totalMs })) },
    { label: 'v2: user store (SyncInbox)', color: V2_COLOR, emphasis: true, points: syncInbox.map((f) => ({ x: f.messages, y: f.medianMs })) },
    ...(logIn.length > 0 ? [{ label: 'v2: log-in to newest chat', color: LOGIN_COLOR, points: logIn.map((f) => ({ x: f.messages, y: f.medianMs })) }] : []),
  ];
  const bytes: Series[] = [
    { label: 'v1: whole blob', color: V1_COLOR, emphasis: true, points: pipeline.map((f) => ({ x: f.messages, y: f.ciphertextChars })) },
    { label: 'v2: head + sealed pages', color: V2_COLOR, emphasis: true, points: syncInbox.map((f) => ({ x: f.messages, y: f.uploadedBytes })) },
  ];
  const left = logLogLines({ x: 0, y: 0, width: 500, height: height - 40 }, 'Time of one sync with one new message', 'messages already stored (log)', 'milliseconds (log)', times);
  const right = logLogLines(
    { x: 500, y: 0, width: 500, height: height - 40 },
    'Bytes that sync uploads',
    'messages already stored (log)',
    'bytes (log)',
    bytes,
    formatBytes,
  );
  return svgDocument(width, height, 'starbase sync cost: protocol 1 blob against protocol 2 user store', `${left}\n${right}`, footnote);
};
