// Search attributes the case workflows set, so operators can find cases in Temporal's own UI.
// (People's inboxes never query them: they read the read model in PostgreSQL.)

import { defineSearchAttributeKey } from '@temporalio/common';

export const CASE_STAGE_ATTRIBUTE = defineSearchAttributeKey('CaseStage', 'KEYWORD');
export const CASE_VILLAGE_ATTRIBUTE = defineSearchAttributeKey('CaseVillage', 'KEYWORD');
export const CASE_URGENT_ATTRIBUTE = defineSearchAttributeKey('CaseUrgent', 'BOOL');

export const CASE_SEARCH_ATTRIBUTES = [CASE_STAGE_ATTRIBUTE, CASE_VILLAGE_ATTRIBUTE, CASE_URGENT_ATTRIBUTE];
