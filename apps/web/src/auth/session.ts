// The signed-in session lives in this tab only (sessionStorage): closing the browser on a shared office
// computer signs its user out, and the token never outlives the tab.

const TOKEN_KEY = 'changxiao.token';

export function readToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
