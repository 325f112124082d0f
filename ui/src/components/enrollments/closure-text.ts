// Words for a closure's kind and settlement, shared by the close panel and the closed summary.
import { t } from "../../i18n";
import type { SettleAs } from "../../ipc";

export const closureKindText = (kind: string): string => (kind === "maturity" ? t("close.kindMaturity") : t("close.kindPremature"));

export const settlementText = (settlement: SettleAs): string => (settlement === "cash" ? t("settle.cash") : t("settle.jewellery"));
