import type { PaymentMode } from "../../ipc";
import type { MessageKey } from "../../i18n";

export const PAYMENT_MODES: readonly { mode: PaymentMode; label: MessageKey }[] = [
  { mode: "cash", label: "mode.cash" },
  { mode: "upi", label: "mode.upi" },
  { mode: "card", label: "mode.card" },
  { mode: "bank", label: "mode.bank" },
  { mode: "cheque", label: "mode.cheque" },
];

export function modeLabel(mode: PaymentMode): MessageKey {
  return `mode.${mode}`;
}
