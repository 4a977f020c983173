// What the 工作台 shows: the tab, the filters and the sort. They live in the address, so a link shares
// them, and each user's last choice is kept in localStorage, so a reload or the next visit opens there.

import { useSearchParams } from 'react-router-dom';
import { CASE_STAGES, TASK_KINDS, type CaseStage, type TaskKind } from '@libs/domain';

export const INBOX_TABS = [
  'mine',
  'unassigned',
  'urgent',
  'overdue',
  'dueSoon',
  'all',
  'done',
  'initiated',
] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const INBOX_SORTS = ['urgency', 'priority', 'due'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export const SORT_LABELS: Record<InboxSort, string> = {
  urgency: '紧急优先',
  priority: '按优先级',
  due: '按到期时间',
};

export interface InboxView {
  tab: InboxTab;
  kind?: TaskKind;
  stage?: CaseStage;
  villageId?: string;
  /** 只看紧急 (the 紧急 tab shows only urgent tasks anyway). */
  urgent?: boolean;
  sort: InboxSort;
}

const DEFAULT_TAB: InboxTab = 'mine';
const DEFAULT_SORT: InboxSort = 'urgency';

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** The view an address names; anything unknown in it (an old link, a typo) is left out. */
export function parseView(params: URLSearchParams): InboxView {
  const village = params.get('village');
  return {
    tab: oneOf(INBOX_TABS, params.get('tab')) ?? DEFAULT_TAB,
    kind: oneOf(TASK_KINDS, params.get('kind')),
    stage: oneOf(CASE_STAGES, params.get('stage')),
    villageId: village && /^\d{6,20}$/.test(village) ? village : undefined,
    urgent: params.get('urgent') === '1' || undefined,
    sort: oneOf(INBOX_SORTS, params.get('sort')) ?? DEFAULT_SORT,
  };
}

/** The address's query for a view; what is left at its default is left out. */
export function viewSearch(view: InboxView): string {
  const params = new URLSearchParams();
  if (view.tab !== DEFAULT_TAB) params.set('tab', view.tab);
  if (view.kind) params.set('kind', view.kind);
  if (view.stage) params.set('stage', view.stage);
  if (view.villageId) params.set('village', view.villageId);
  if (view.urgent) params.set('urgent', '1');
  if (view.sort !== DEFAULT_SORT) params.set('sort', view.sort);
  return params.toString();
}

/** Whether any filter narrows the tab's list (the tab and the sort do not count). */
export function filtered(view: InboxView): boolean {
  return Boolean(view.kind || view.stage || view.villageId || view.urgent);
}

export const NO_FILTERS: Partial<InboxView> = {
  kind: undefined,
  stage: undefined,
  villageId: undefined,
  urgent: undefined,
};

const storageKey = (userId: string) => `changxiao.inbox.${userId}`;

/** The query the user last left the 工作台 with ('' when at the defaults). */
export function savedSearch(userId: string): string {
  return localStorage.getItem(storageKey(userId)) ?? '';
}

/** The current view and a way to change it: the address is replaced (no history entry per click) and saved. */
export function useInboxView(userId: string): [InboxView, (change: Partial<InboxView>) => void] {
  const [params, setParams] = useSearchParams();
  const view = parseView(params);
  function update(change: Partial<InboxView>) {
    const search = viewSearch({ ...view, ...change });
    if (search) localStorage.setItem(storageKey(userId), search);
    else localStorage.removeItem(storageKey(userId));
    setParams(search, { replace: true });
  }
  return [view, update];
}
