import type { RowsPage, SequencedTransaction, SessionSummary, WorkerRequests } from '../protocol.ts';
import { fromSequencedDto } from '../session/transactionDto.ts';
import type { TransactionRow } from '../session/transactionRow.ts';

type Request = <K extends keyof WorkerRequests>(method: K, params: WorkerRequests[K][0]) => Promise<WorkerRequests[K][1]>;

/** Every transaction of the tab after `sinceSeq`, read page by page (see TRANSACTIONS_PAGE_SIZE), each made whole. */
export async function readTransactions(
  client: { request: Request },
  tabId: number,
  sinceSeq = 0,
): Promise<{ session: SessionSummary; items: SequencedTransaction[] }> {
  const items: SequencedTransaction[] = [];
  for (;;) {
    const page = await client.request('getTransactions', { tabId, sinceSeq: items.at(-1)?.seq ?? sinceSeq });
    for (const item of page.items) items.push(fromSequencedDto(item));
    if (!page.more) return { session: page.session, items };
  }
}

/** The rows of every transaction of the tab after `sinceSeq`, read page by page (see ROWS_PAGE_SIZE). */
export async function readRows(client: { request: Request }, tabId: number, sinceSeq = 0): Promise<RowsPage> {
  const rows: TransactionRow[] = [];
  for (;;) {
    const page = await client.request('getRows', { tabId, sinceSeq: rows.at(-1)?.seq ?? sinceSeq });
    rows.push(...page.rows);
    if (!page.more) return { session: page.session, rows, more: false };
  }
}
