import type { BrowserContext, Page } from '@playwright/test';
import type { Lab, PageKind } from '../lab/server.ts';
import { recordCdp, type CdpRecorder } from '../../src/playwright/cdpRecorder.ts';

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

// The Local Network Access scenarios say the permission was not granted.
// Headless Chromium denies it by default; a visible one asks the user and the
// page waits. Denying it up front makes both behave the same.
const LOCAL_NETWORK_PERMISSIONS = ['local-network-access', 'local-network', 'loopback-network'];

async function denyLocalNetworkAccess(context: BrowserContext, origin: string): Promise<void> {
  const browser = context.browser();
  if (!browser) return;
  const session = await browser.newBrowserCDPSession();
  for (const name of LOCAL_NETWORK_PERMISSIONS) {
    await session.send('Browser.setPermission', { permission: { name }, setting: 'denied', origin });
  }
}

export interface LabPagesOptions {
  /** Called with each lab page once it is ready, before any scenario runs in it. */
  readonly onReady?: (page: Page) => Promise<void>;
}

export function openLabPages(context: BrowserContext, lab: Lab, options: LabPagesOptions = {}): LabPages {
  const pages = new Map<PageKind, Promise<LabPage>>();
  const opened: LabPage[] = [];
  const open = async (kind: PageKind): Promise<LabPage> => {
    // A page that is not a secure context has no such permission to deny:
    // Local Network Access refuses it before asking.
    if (kind === 'public-page') await denyLocalNetworkAccess(context, lab.pageOrigins[kind]);
    const page = await context.newPage();
    const recorder = await recordCdp(context, page);
    const url = lab.pageUrls[kind];
    await page.goto(url);
    // Its worker and frames are up: a debugger attached from now on sees them all.
    await page.locator('body[data-lab-ready="true"]').waitFor({ state: 'attached' });
    await options.onReady?.(page);
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
