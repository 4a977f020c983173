// 督查问责 the inspector's anomaly reports and what each finds: the names the API, its exports and the screens
// share. A finding marked as a signal (线索) is a coincidence to look at, not a breach found.

export const ANOMALY_REPORTS = ['favouritism', 'falseClaims', 'inaction', 'editsAfterDecision'] as const;
export type AnomalyReport = (typeof ANOMALY_REPORTS)[number];

export const ANOMALY_REPORT_LABELS: Record<AnomalyReport, string> = {
  favouritism: '优亲厚友',
  falseClaims: '虚报冒领',
  inaction: '不作为',
  editsAfterDecision: '决定后改动',
};

export const ANOMALY_KINDS = {
  favouritism: ['refusedAttempt', 'relativeDecided', 'sameSurnameSameVillage', 'relativeAtSameAddress'],
  falseClaims: ['idNumberInTwoCases', 'incomeBelowReview', 'membersChangedBeforeReview'],
  inaction: ['overdueTask', 'escalationIgnored'],
  editsAfterDecision: ['planChangedWithoutReview', 'membersChangedAfterIntake'],
} as const satisfies Record<AnomalyReport, readonly string[]>;

export type AnomalyKind = (typeof ANOMALY_KINDS)[AnomalyReport][number];

export const ANOMALY_KIND_LABELS: Record<AnomalyKind, string> = {
  refusedAttempt: '申报亲属的办理被拒',
  relativeDecided: '由申报亲属办理',
  sameSurnameSameVillage: '同姓同村（线索）',
  relativeAtSameAddress: '申报亲属同一户籍地址（线索）',
  idNumberInTwoCases: '同一身份证号两案并存或跨县',
  incomeBelowReview: '调查收入远低于核查收入',
  membersChangedBeforeReview: '核查前家庭成员增减',
  overdueTask: '任务超期未办',
  escalationIgnored: '督办后无人办理',
  planChangedWithoutReview: '帮扶计划未经核查被改动',
  membersChangedAfterIntake: '登记后家庭成员被改动',
};

/** The kinds that are signals to look at (线索), not findings. */
export const ANOMALY_SIGNALS: ReadonlySet<AnomalyKind> = new Set([
  'sameSurnameSameVillage',
  'relativeAtSameAddress',
]);
