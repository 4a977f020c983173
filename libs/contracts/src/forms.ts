// What a person submits with each task (the `form` of a completion), as the workflows read it. Each form is
// defined with its task kind (libs/domain/src/task-kinds); the API validates it against the kind's DTO
// (apps/api/src/tasks/forms) before the decision reaches a workflow.

export type * from '../../domain/src/task-kinds/forms';
export type { TaskForms } from '../../domain/src';
