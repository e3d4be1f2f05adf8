import { afterAll, beforeAll } from 'vitest';

/**
 * For component tests: happy-dom lays nothing out, so every element is 0
 * pixels high and the virtualized transaction list would draw no row. This
 * gives the list's scroller a viewport of 600 pixels for the file's tests.
 */
export function giveListsAViewport(): void {
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('list-body') ? 600 : 0;
      },
    });
  });
  afterAll(() => {
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  });
}
