import { PIPELINE_STEPS, PipelineFigures, PipelineStep } from '../sync/sync-pipeline';
import { SyncInboxFigures } from '../sync/sync-inbox-bench';
import { formatCount, logLogLines, Series, shareBars, svgDocument } from './svg-chart';

const STEP_COLORS: Readonly<Record<PipelineStep, string>> = {
  download: '#8c564b',
  decrypt: '#1f77b4',
  parse: '#17becf',
  'open message': '#bcbd22',
  apply: '#2ca02c',
  'size check': '#7f7f7f',
  serialize: '#9467bd',
  encrypt: '#d62728',
  upload: '#ff7f0e',
};

/** Left: ms against messages in the blob (log-log). Right: each step's share of the pipeline. */
export const syncGrowthChart = (pipeline: readonly PipelineFigures[], syncInbox: readonly SyncInboxFigures[], footnote: string): string => {
  const width = 1000;
  const height = 520;
  const series: Series[] = [
    { label: 'SyncInbox (client use case)', color: '#000000', emphasis: true, points: syncInbox.map((f) => ({ x: f.messages, y: f.medianMs })) },
    ...PIPELINE_STEPS.map((step) => ({ label: step, color: STEP_COLORS[step], points: pipeline.map((f) => ({ x: f.messages, y: f.steps[step] })) })),
  ];
  const left = logLogLines(
    { x: 0, y: 0, width: 600, height: height - 40 },
    'One sync with one new message, by history size',
    'messages already in the blob (log)',
    'milliseconds (log)',
    series,
  );
  const right = shareBars(
    { x: 610, y: 0, width: 390, height: height - 40 },
    'Where the time goes (pipeline steps)',
    pipeline.map((figure) => ({
      label: formatCount(figure.messages),
      parts: PIPELINE_STEPS.map((step) => ({ label: step, color: STEP_COLORS[step], value: figure.steps[step] })),
    })),
  );
  return svgDocument(width, height, 'starbase sync cost growth', `${left}\n${right}`, footnote);
};
