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

export const JURISDICTION_LEVEL_LABELS: Record<JurisdictionLevel, string> = {
  county: '县',
  township: '镇(街道)',
  village: '村(社区)',
};

/** The level a new jurisdiction under a parent of this level must have (villages have none below). */
export const CHILD_LEVEL: Record<JurisdictionLevel, JurisdictionLevel | null> = {
  county: 'township',
  township: 'village',
  village: null,
};

// A user's jurisdiction decides which tasks reach their inbox, so each role sits where its step is
// decided: 村工作专员 in a village, 镇审核人 in a township, the centre and departments at the county.
export const ROLE_JURISDICTION_LEVELS: Record<Role, readonly JurisdictionLevel[]> = {
  caseworker: ['village'],
  townshipReviewer: ['township'],
  countyOfficer: ['county'],
  departmentOfficer: ['county'],
  supervisor: ['county', 'township'],
  inspector: ['county', 'township'],
  admin: ['county', 'township', 'village'],
};
