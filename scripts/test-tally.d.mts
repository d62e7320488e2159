export interface StageCounts {
  passed: number;
  failed: number;
}
export interface StageReport {
  file: string;
  kind: 'vitest' | 'playwright';
}
export interface StageResult extends StageCounts {
  label: string;
  ran: boolean;
  ok: boolean;
  seconds: number;
}
export function countsOf(
  report: StageReport | undefined,
  ok: boolean,
  readFile: (file: string) => string,
): StageCounts;
export function formatTally(results: StageResult[]): { lines: string[]; allPassed: boolean };
