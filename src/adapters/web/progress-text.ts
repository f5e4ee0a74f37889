import type { ProgressStage } from '../../application/client/messenger';

export interface ProgressState {
  readonly stage: ProgressStage;
  readonly fraction: number | null;
}

const STAGE_TEXT: Record<ProgressStage, string> = {
  'deriving-keys': 'Strengthening your password into keys (this takes a moment on purpose)…',
  'contacting-server': 'Contacting the server…',
  encrypting: 'Encrypting your data…',
  'solving-captcha': "Solving the server's anti-spam puzzle…",
  syncing: 'Fetching new messages…',
};

export const describeProgress = (stage: ProgressStage): string => STAGE_TEXT[stage];

export const percentOf = (fraction: number | null): number | null =>
  fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
