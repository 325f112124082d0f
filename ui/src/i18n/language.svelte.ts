// The current language as Svelte 5 state: anything that calls t() re-renders when it changes.

import type { Language } from "../ipc/bindings";
import { en, type MessageKey } from "./en";
import { hi } from "./hi";

const catalogs: Record<Language, Record<MessageKey, string>> = { en, hi };

const current = $state<{ language: Language }>({ language: "en" });

export function setLanguage(language: Language): void {
  current.language = language;
  if (typeof document !== "undefined") document.documentElement.lang = language;
}

export function language(): Language {
  return current.language;
}

/** The text for `key` in the current language; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogs[current.language][key] ?? en[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (token, name: string) => (name in params ? String(params[name]) : token));
}
