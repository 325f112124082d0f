// Receipts after a payment: when the shop's "print receipt after payment" is on, the new payment's
// receipt opens for printing straight away, in the size this counter's printer takes (kept on this
// computer, since each counter has its own printer).

import type { PaymentView, ReceiptFormat } from "../../ipc";
import { t } from "../../i18n";
import { shop } from "../../shop.svelte";
import { failureText, printDocument } from "./document-actions";

const FORMAT_KEY = "kanak.receipt-format";

export function counterReceiptFormat(): ReceiptFormat {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(FORMAT_KEY);
  return stored === "80mm" ? "80mm" : "a5";
}

export function setCounterReceiptFormat(format: ReceiptFormat): void {
  if (typeof localStorage !== "undefined") localStorage.setItem(FORMAT_KEY, format);
}

export type AfterPayment = { printed: boolean; message: string } | null;

/** Prints the payment's receipt if the shop asks for it; null when it does not. Never throws. */
export async function printReceiptAfterPayment(payment: PaymentView): Promise<AfterPayment> {
  if (!shop.status?.shop?.print_receipt_after_payment) return null;
  try {
    await printDocument({ kind: "receipt", payment_id: payment.id, format: counterReceiptFormat() });
    return { printed: true, message: t("receipt.printed", { receipt: payment.receipt_no }) };
  } catch (e) {
    return { printed: false, message: t("receipt.autoPrintFailed", { reason: failureText(e) }) };
  }
}
