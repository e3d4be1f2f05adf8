// The import benchmark's own worker (importInChromium.ts bundles it with
// esbuild): the panel's import worker's work, stage by stage, timed here so
// that the product's worker and its messages carry no timing. Reading the
// file, parsing and validating it (readCapture), pairing and judging it
// (judgeCapture): importCapture is the last two.
import { judgeCapture, readCapture } from '../src/core/trace/importCapture.ts';

/** What this worker posts back, in ms. */
export interface ImportStages {
  readonly readMs: number;
  readonly readCaptureMs: number;
  readonly judgeCaptureMs: number;
  readonly transactions: number;
}

self.onmessage = async (event: MessageEvent<{ file: File }>) => {
  const start = performance.now();
  const text = await event.data.file.text();
  const read = performance.now();
  const parsed = readCapture(text);
  const validated = performance.now();
  const { transactions } = judgeCapture(parsed);
  const judged = performance.now();
  self.postMessage({
    readMs: read - start,
    readCaptureMs: validated - read,
    judgeCaptureMs: judged - validated,
    transactions: transactions.length,
  } satisfies ImportStages);
};
