// What administration checks beyond field formats: the relations people declare, and the forms of names
// and codes. (Which level each role works at is the domain's: ROLE_JURISDICTION_LEVELS in libs/domain.)

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
