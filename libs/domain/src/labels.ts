// Chinese names of case codes that the browser and the API both show: relations, causes, intake channels and
// categories, case and measure states, audited actions. Codes with their own module (stages, roles, safety
// nets) are labelled there.

import type { MemberRelation, PovertyCause } from './household';

export const MEMBER_RELATION_LABELS: Record<MemberRelation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandparent: '（外）祖父母',
  grandchild: '（外）孙子女',
  sibling: '兄弟姐妹',
  other: '其他',
};

/** 致贫原因 (GLOSSARY.md). */
export const POVERTY_CAUSE_LABELS: Record<PovertyCause, string> = {
  illness: '因病',
  disability: '因残',
  schooling: '因学',
  disaster: '因灾',
  accident: '因意外',
  lackOfLabour: '缺劳动力',
  lackOfSkills: '缺技术',
  epidemic: '因疫情',
  rigidExpense: '刚性支出过大',
};

/** 纳入渠道: 个人申报, 部门预警, 监测预警, and 返贫即时纳入 (a new case opened from an old one in observation). */
export const INTAKE_CHANNELS = ['application', 'referral', 'monitoringAlert', 'reEnrolment'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const INTAKE_CHANNEL_LABELS: Record<IntakeChannel, string> = {
  application: '个人申报',
  referral: '部门预警',
  monitoringAlert: '监测预警',
  reEnrolment: '返贫即时纳入',
};

/** 部门预警's categories and 监测预警's kinds of household. */
export const REFERRAL_CATEGORY_LABELS = { largeExpense: '大额支出户', majorEvent: '重大变故户' } as const;
export const ALERT_KIND_LABELS = { edgeHousehold: '边缘户', unstableExPoor: '脱贫不稳定户' } as const;

export const CASE_STATUS_LABELS: Record<string, string> = { open: '在办', closed: '已办结' };

/** Where a 帮扶措施 stands in its department: transferred, accepted, carried out, done, or refused. */
export const MEASURE_STATUS_LABELS: Record<string, string> = {
  transferred: '已转办',
  accepted: '已受理',
  implemented: '已落实',
  done: '已完成',
  declined: '未受理',
  cancelled: '已撤销',
};

/** 留痕 what each audited action on a case means. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'case.created': '登记案件',
  'case.stageChanged': '进入阶段',
  'case.closed': '案件办结',
  'case.evaluated': '资格评估',
  'case.markedUrgent': '标记紧急',
  'case.objectionFiled': '公示期异议',
  'case.duplicateRefused': '重复申请被拒',
  'case.searchedByIdNumber': '按身份证号查询',
  'task.opened': '开启任务',
  'task.completed': '办理任务',
  'task.claimed': '认领任务',
  'task.unclaimed': '退回认领',
  'task.assigned': '指派任务',
  'task.delegated': '转交任务',
  'task.cancelled': '撤销任务',
  'task.rescheduled': '调整时限',
  'task.escalated': '督办升级',
  'task.escalationRequested': '申请督办',
  'task.relativeRefused': '回避（亲属）',
  'dataCheck.completed': '比对完成',
  'dataCheck.overridden': '比对命中核实排除',
  'dataCheck.workbookExported': '导出比对表',
  'dataCheck.workbookImported': '导入比对结果',
  'inspection.report': '查看督查报表',
  'inspection.export': '导出督查报表',
  'audit.searchedByIdNumber': '按身份证号检索留痕',
  'audit.exported': '导出留痕记录',
  'personalData.revealed': '查看完整个人信息',
  'personalData.revealRefused': '查看个人信息被拒',
  'attachment.uploaded': '上传附件',
  'incident.retryRequested': '故障重试',
  'incident.retryUndelivered': '故障重试未送达',
  'ledger.recorded': '记入台账',
  'measure.transferred': '帮扶措施转办',
  'measure.accepted': '帮扶措施受理',
  'measure.implemented': '帮扶措施落实',
  'measure.done': '帮扶措施完成',
  'measure.declined': '帮扶措施退回',
  'measure.cancelled': '帮扶措施撤销',
};
