// The colour theme: the system's by default, or light or dark as chosen in Settings
// (remembered in this window's local storage).
export type Theme = "system" | "light" | "dark";

const KEY = "dossier.theme";

export function savedTheme(): Theme {
  const value = globalThis.localStorage?.getItem(KEY);
  return value === "light" || value === "dark" ? value : "system";
}

export function applyTheme(theme: Theme): void {
  if (theme === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  if (theme === "system") globalThis.localStorage?.removeItem(KEY);
  else globalThis.localStorage?.setItem(KEY, theme);
}
