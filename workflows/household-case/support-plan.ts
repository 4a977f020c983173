// 制定帮扶计划 1+N: the county centre drafts the plan (after recognition, and again when a review adjusts it);
// each item becomes a supportMeasure child workflow at its department.

import { ApplicationFailure, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { FORM_INVALID, supportMeasureWorkflowId } from '../../libs/contracts/src/household-case';
import type { SupportState, TaskCompletion } from '../../libs/contracts/src/household-case';
import {
  SAFETY_NET_LABELS,
  SECTOR_MEASURE_LABELS,
  gradualExitMonths,
  planSummary,
  qualifiesForIndividualCoverage,
} from '../../libs/domain/src';
import { supportMeasure } from '../support-measure.workflow';
import type { HouseholdCase } from './household-case.state';

export async function draftPlan(c: HouseholdCase): Promise<void> {
  const support = c.support!;
  const stageChange = await c.enterTaskStage('supportPlan');
  // 渐退期 and 单人保 are counted from the 低保 standard and the household's income as last evaluated.
  const income = c.evaluation?.perCapitaIncome ?? 0;
  const standard = c.policy.minimumLivingStandard;
  const gradualExitAllowed = gradualExitMonths(income, standard);
  const individualCoverageAllowed = qualifiesForIndividualCoverage({
    perCapitaIncome: income,
    minimumLivingStandard: standard,
    member: { severeDisability: true, seriousIllness: true },
  });
  const drafted = await c.task('county', 'supportPlan', {
    stageChange,
    payload: {
      evaluation: c.evaluation,
      previousPlan: support.planVersion > 0 ? support.plan : null,
      minimumLivingStandard: standard,
      gradualExitMonthsAllowed: gradualExitAllowed,
      individualCoverageAllowed,
    },
    validate: (decision) => {
      const { form } = decision;
      if ((form?.gradualExitMonths ?? 0) > gradualExitAllowed) {
        throw ApplicationFailure.create({
          type: FORM_INVALID,
          message:
            `渐退期只适用于家庭年人均收入高于低保标准（${standard}元）且不超过其2倍的家庭；` +
            `本户人均${income}元，form.gradualExitMonths 最多为${gradualExitAllowed}`,
        });
      }
      if (form?.individualCoverage?.length && !individualCoverageAllowed) {
        throw ApplicationFailure.create({
          type: FORM_INVALID,
          message: `单人保只适用于家庭年人均收入低于低保标准2倍（${2 * standard}元）的家庭；本户人均${income}元`,
        });
      }
    },
  });
  await adoptPlan(c, support, drafted);
  await startMeasures(c, support);
}

/** The drafted plan becomes the next version, in the support ledger. */
async function adoptPlan(
  c: HouseholdCase,
  support: SupportState,
  drafted: TaskCompletion<'supportPlan'>,
): Promise<void> {
  const plan = drafted.form;
  support.planVersion += 1;
  support.plan = plan;
  await c.writeLedger(
    'support',
    'planDrafted',
    {
      summary: planSummary(support.planVersion, plan),
      version: support.planVersion,
      plan,
      draftedBy: drafted.actor.username,
    },
    `plan-${support.planVersion}`,
  );
}

/** One supportMeasure workflow per item of the current plan, in order: 1 (safety net) then N (sectors). */
async function startMeasures(c: HouseholdCase, support: SupportState): Promise<void> {
  const { plan } = support;
  const items = [
    ...plan.safetyNet.map((item) => ({
      label: SAFETY_NET_LABELS[item.type],
      department: item.department,
      item,
    })),
    ...plan.sectorMeasures.map((item) => ({
      label: SECTOR_MEASURE_LABELS[item.sector],
      department: item.department,
      item,
    })),
  ];
  for (const [index, { label, department, item }] of items.entries()) {
    const measureId = `${c.caseId}:p${support.planVersion}m${index + 1}`;
    const workflowId = supportMeasureWorkflowId(measureId);
    await startChild(supportMeasure, {
      workflowId,
      args: [
        {
          caseId: c.caseId,
          measureId,
          jurisdictions: c.input.jurisdictions,
          urgent: c.urgent,
          label,
          department,
          item: item as unknown as Record<string, unknown>,
        },
      ],
      // Measures outlive this run (it continues as new at each review).
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    support.measures.push({ measureId, workflowId, label, department, status: 'running' });
  }
}
