// The fake backend's shop: first-run setup, the status the app opens with, and the settings.

import { FAKE_RECOVERY_KEY } from "./fake-vault";
import type { AppStatus, SettingsInput, SetupInput, SetupResult, ShopView } from "./bindings";
import { createOwner } from "./fake-staff";
import { recordAudit } from "./fake-audit";
import * as kyc from "./fake-kyc";
import { FieldProblem } from "./fake-kyc";
import { DEFAULT_LIMIT, feedUrl } from "./fake-rates";
import { codePatternProblem, DEFAULT_CODE_PATTERN } from "../code-pattern";
import { type Commands, type FakeState, Refusal, requireShop, run } from "./fake-state";

export function shopCommands(s: FakeState): Pick<Commands, "appStatus" | "setupShop" | "updateSettings"> {
  return {
    appStatus: () => run((): AppStatus => ({ setup_done: s.shop !== null, shop: s.shop, today: s.clock.today() })),

    setupShop: (input: SetupInput) =>
      run(() => {
        if (s.shop) throw new Refusal("already_set_up", "the shop is already set up");
        const next: ShopView = {
          shop_name: kyc.requiredText("shop_name", input.shop_name),
          address: (input.address ?? "").trim(),
          gstin: kyc.gstin(input.gstin),
          branch_code: kyc.branchCode(input.branch_code),
          owner_name: kyc.requiredText("owner_name", input.owner_name),
          code_pattern: DEFAULT_CODE_PATTERN,
          language: "en",
          derive_rates: false,
          rate_feed_url: null,
          cash_limit_per_day: DEFAULT_LIMIT,
          pan_required_above: DEFAULT_LIMIT,
          print_receipt_after_payment: false,
          has_logo: false,
        };
        kyc.ownerPin(input.owner_pin);
        s.shop = next;
        const recovery_code = createOwner(s, next.owner_name, input.owner_pin);
        recordAudit(s, "owner", "shop.setup", `shop ${next.shop_name} set up, owner ${next.owner_name}`);
        const groups = FAKE_RECOVERY_KEY.split("-");
        const result: SetupResult = {
          shop: next,
          recovery_code,
          database_recovery_key: { recovery_key: groups.join("-"), groups },
        };
        return result;
      }),

    updateSettings: (input: SettingsInput) =>
      run(() => {
        const current = requireShop(s);
        const problem = codePatternProblem(input.code_pattern);
        if (problem) throw new FieldProblem("code_pattern", problem);
        if (input.language !== "en" && input.language !== "hi") throw new FieldProblem("language", "choose en or hi");
        s.shop = {
          ...current,
          shop_name: kyc.requiredText("shop_name", input.shop_name),
          address: input.address.trim(),
          gstin: kyc.gstin(input.gstin),
          code_pattern: input.code_pattern.trim(),
          language: input.language,
          derive_rates: input.derive_rates,
          rate_feed_url: feedUrl(input.rate_feed_url),
          cash_limit_per_day: kyc.positiveMoney("cash_limit_per_day", input.cash_limit_per_day),
          pan_required_above: kyc.positiveMoney("pan_required_above", input.pan_required_above),
          print_receipt_after_payment: input.print_receipt_after_payment ?? false,
        };
        return s.shop;
      }),
  };
}
