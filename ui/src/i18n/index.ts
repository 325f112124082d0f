export { t, setLanguage, language } from "./language.svelte";
export type { MessageKey } from "./en";
export { en } from "./en";
export { hi } from "./hi";
