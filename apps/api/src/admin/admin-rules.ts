// What administration checks beyond field formats: which level each role works at, and the names of
// levels and relations that people read.

import type { JurisdictionLevel, Role } from '@libs/domain';

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

// 优亲厚友 favouritism: whom a worker declares, so they are kept off those people's cases.
export const RELATIVE_RELATIONS = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
  'inLaw',
  'other',
] as const;
export type RelativeRelation = (typeof RELATIVE_RELATIONS)[number];

export const RELATIVE_RELATION_LABELS: Record<RelativeRelation, string> = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  grandparent: '(外)祖父母',
  grandchild: '(外)孙子女',
  inLaw: '姻亲',
  other: '其他亲属',
};

/** Usernames: lower-case letters, digits and underscores. */
export const USERNAME_PATTERN = /^[a-z0-9_]{3,64}$/;
/** 区划代码 jurisdiction codes: 6 (county) to 20 digits. */
export const JURISDICTION_ID_PATTERN = /^\d{6,20}$/;
