// Who works in the platform (DOMAIN.md "Who works in it") and the administrative levels.

export const ROLES = [
  'caseworker',
  'townshipReviewer',
  'countyOfficer',
  'departmentOfficer',
  'supervisor',
  'inspector',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  caseworker: '村工作专员',
  townshipReviewer: '镇(街道)审核人',
  countyOfficer: '县相对贫困服务中心',
  departmentOfficer: '部门经办人',
  supervisor: '督办负责人',
  inspector: '纪委监委督查',
  admin: '系统管理员',
};

export const JURISDICTION_LEVELS = ['county', 'township', 'village'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];
