// 草稿 a form's values kept in this tab while it is being filled (a reload or a detour to another screen
// finds them again); a successful submit clears them. Session storage, as the sign-in: nothing of a
// household outlives the tab on a shared office computer. One draft per form, named by `key`
// (`caseDraft.application`, `taskDraft.<task id>`).

const storageKey = (key: string) => `changxiao.${key}`;

export function readDraft<T>(key: string): Partial<T> | undefined {
  try {
    const saved = sessionStorage.getItem(storageKey(key));
    return saved ? (JSON.parse(saved) as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, values: unknown): void {
  sessionStorage.setItem(storageKey(key), JSON.stringify(values));
}

export function clearDraft(key: string): void {
  sessionStorage.removeItem(storageKey(key));
}
