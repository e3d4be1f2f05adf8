import type { BrowserContext, Page } from '@playwright/test';
import type { Lab, PageKind } from '../lab/server.ts';
import { recordCdp, type CdpRecorder } from './cdpRecorder.ts';

export interface LabPage {
  readonly kind: PageKind;
  readonly url: string;
  readonly page: Page;
  readonly recorder: CdpRecorder;
}

/** The lab page of each kind, opened (with its CDP recorder) the first time a scenario needs it. */
export interface LabPages {
  get(kind: PageKind): Promise<LabPage>;
  /** Every page opened so far, in opening order. */
  opened(): readonly LabPage[];
}

export function openLabPages(context: BrowserContext, lab: Lab): LabPages {
  const pages = new Map<PageKind, Promise<LabPage>>();
  const opened: LabPage[] = [];
  const open = async (kind: PageKind): Promise<LabPage> => {
    const page = await context.newPage();
    const recorder = await recordCdp(context, page);
    const url = `${lab.pageOrigins[kind]}/`;
    await page.goto(url);
    const labPage = { kind, url, page, recorder };
    opened.push(labPage);
    return labPage;
  };
  return {
    get: (kind) => {
      let page = pages.get(kind);
      if (!page) {
        page = open(kind);
        pages.set(kind, page);
      }
      return page;
    },
    opened: () => opened,
  };
}
