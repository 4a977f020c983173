// 草稿 a task form's values kept in this tab while the form is open: a reload or a return to the task later
// in the session finds them again; a decision clears them. Session storage, as the sign-in is: it ends with
// the tab, and nothing of a household stays on a shared office computer.

const key = (taskId: string) => `changxiao.taskDraft.${taskId}`;

export function readDraft(taskId: string): Record<string, unknown> | undefined {
  try {
    const saved = sessionStorage.getItem(key(taskId));
    return saved ? (JSON.parse(saved) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(taskId: string, values: Record<string, unknown>): void {
  sessionStorage.setItem(key(taskId), JSON.stringify(values));
}

export function clearDraft(taskId: string): void {
  sessionStorage.removeItem(key(taskId));
}
