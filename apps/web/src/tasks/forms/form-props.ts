// The contract between the task page and the form of each task kind. The page owns the antd <Form>,
// the decision, the reason and the submit; a kind's form component renders only its own fields, named
// under ['form', …] so that the page submits { decision, reason, form } as the API's CompleteTaskDto
// expects, and the server's errors (`form.members[0].income`) land on those fields. The one exception is
// 比对命中复核, whose override is an approval with a reason: its form renders the page's ['reason'].

import type { FormInstance } from 'antd';
import type { ComponentType } from 'react';
import type { Decision, TaskKind } from '@libs/domain';
import type { Schemas } from '../../api/client';

export interface TaskFormProps {
  /** The task as GET /tasks/{id} answers it. */
  task: Schemas['TaskDto'];
  /** The case as GET /cases/{id} answers it (household, members with masked ID numbers, plan…). */
  caseView: Schemas['CaseDetailDto'];
  /** The page's form: read other fields with Form.useWatch, never create a second <Form>. */
  form: FormInstance;
  /** The decision being prepared: some fields are required only on approve. */
  decision: Decision | undefined;
}

/** A kind's form module, loaded on first use (its own chunk). */
export type FormLoader = () => Promise<{ default: ComponentType<TaskFormProps> }>;

/** Form modules by kind (a group of kinds' forms, spread into the registry's). */
export type FormLoaders = Partial<Record<TaskKind, FormLoader>>;
