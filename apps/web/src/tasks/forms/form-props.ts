// The contract between the task page and the form of each task kind. The page owns the antd <Form>,
// the decision, the reason and the submit; a kind's form component renders only its own fields, named
// under ['form', …] so that the page submits { decision, reason, form } as the API's CompleteTaskDto
// expects, and the server's errors (`form.members[0].income`) land on those fields.

import type { FormInstance } from 'antd';
import type { Schemas } from '../../api/client';

export interface TaskFormProps {
  /** The task as GET /tasks/{id} answers it. */
  task: Schemas[keyof Schemas] & Record<string, unknown>;
  /** The case as GET /cases/{id} answers it (household, members with masked ID numbers, plan…). */
  caseView: Record<string, unknown>;
  /** The page's form: read other fields with Form.useWatch, never create a second <Form>. */
  form: FormInstance;
  /** The decision being prepared: some fields are required only on approve. */
  decision: 'approve' | 'reject' | 'return' | undefined;
}
