// 草稿 an intake form's values kept in this tab while it is being filled (a reload or a detour to another
// screen finds them again); a successful submit clears them. Session storage, as the sign-in: nothing of a
// household outlives the tab on a shared office computer.

const key = (channel: string) => `changxiao.caseDraft.${channel}`;

export function readIntakeDraft<T>(channel: string): Partial<T> | undefined {
  try {
    const saved = sessionStorage.getItem(key(channel));
    return saved ? (JSON.parse(saved) as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}

export function saveIntakeDraft(channel: string, values: unknown): void {
  sessionStorage.setItem(key(channel), JSON.stringify(values));
}

export function clearIntakeDraft(channel: string): void {
  sessionStorage.removeItem(key(channel));
}
