// The scheme engine's state of an enrollment (active, paused, matured…) in words.

import { t } from "../../i18n";

const STATES = ["active", "paused", "matured", "redemption_overdue", "defaulted"] as const;

export function engineStateText(state: string): string {
  const known = STATES.find((s) => s === state);
  return known ? t(`engineState.${known}`) : state;
}
