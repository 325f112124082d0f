import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import PlansScreen from "./PlansScreen.svelte";
import { useFakeBackend } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";

let fake: Commands;

beforeEach(async () => {
  fake = createFakeBackend();
  useFakeBackend(fake);
  await fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" });
});

const input = (label: string) => screen.getByLabelText(label, { selector: "input, textarea, select" }) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(input(label), { target: { value } });

async function basicPlan() {
  render(PlansScreen);
  await type("Plan name", "Swarna 11");
  await type("Plan code", "SWARNA11");
  await type("Installment amount", "5000");
  await type("Bonus", "1 installment");
}

describe("the plan form's rules and simulator", () => {
  it("the_simulator_follows_the_form_and_shows_schedule_bonus_and_rules", async () => {
    await basicPlan();
    const simulator = screen.getByTestId("plan-simulator");
    await waitFor(() => expect(within(simulator).getByTestId("simulator-schedule").querySelectorAll("tbody tr")).toHaveLength(11));
    expect(within(simulator).getByTestId("simulator-totals").textContent).toContain("₹5,000.00");
    expect(within(simulator).getByTestId("simulator-rules").textContent).toContain("Bonus at maturity: one installment (₹5,000.00).");

    await type("Payment pattern", "skip 5, close 6");
    await waitFor(() => expect(within(simulator).getByTestId("simulator-closure").textContent).toContain("Closing before maturity"));
    expect(within(simulator).getByTestId("simulator-schedule").textContent).toContain("Missed");
  });

  it("a_long_tier_shows_the_tenure_warning_and_an_unreadable_pattern_shows_the_backends_message", async () => {
    await basicPlan();
    await fireEvent.click(screen.getByRole("button", { name: "Add tier" }));
    await type("Tier 1 installments", "11");
    await type("Tier 1 bonus", "1 installment");
    await fireEvent.click(screen.getByRole("button", { name: "Add tier" }));
    await type("Tier 2 installments", "18");
    await type("Tier 2 bonus", "2 installments");
    await waitFor(() => expect(screen.getByTestId("simulator-warnings").textContent).toMatch(/tenure of 18 months/));
    await type("Payment pattern", "sometimes");
    await waitFor(() => expect(screen.getByTestId("plan-simulator").querySelector('[role="alert"]')!.textContent).toContain('cannot read "sometimes"'));
  });

  it("a_rule_the_form_cannot_read_is_named_under_its_field_and_nothing_is_created", async () => {
    await basicPlan();
    await type("Pause of up to (months)", "13");
    expect(screen.getByTestId("simulator-blocked").textContent).toContain("Enter a whole number from 0 to 12");
    await fireEvent.click(screen.getByRole("button", { name: "Create plan" }));
    await waitFor(() => expect(input("Pause of up to (months)").getAttribute("aria-invalid")).toBe("true"));
    expect(document.activeElement).toBe(input("Pause of up to (months)"));
    const listed = await fake.listPlans(true);
    expect(listed.status === "ok" && listed.data).toEqual([]);
  });

  it("the_advanced_json_box_names_a_problem_and_applies_valid_rules_to_the_form", async () => {
    await basicPlan();
    const box = input("Plan rules (JSON)");
    await fireEvent.focus(box);
    await fireEvent.input(box, { target: { value: '{"max_pause": 2}' } });
    expect(screen.getByText(/“max_pause” is not a rule Kanak knows/)).toBeTruthy();
    await fireEvent.input(box, { target: { value: '{"max_pause_months": 2, "changes_allowed": true}' } });
    expect(input("Pause of up to (months)").value).toBe("2");
    expect((input("The installment or tier may be changed mid-term (upgrade or downgrade)") as HTMLInputElement).checked).toBe(true);
  });

  it("a_plan_is_created_with_its_rules", async () => {
    await basicPlan();
    await fireEvent.click(input("An installment paid after the grace period reduces the bonus pro rata"));
    const fee = input("Late fee") as unknown as HTMLSelectElement;
    fee.value = "fixed";
    await fireEvent.change(fee);
    await type("Late fee (₹)", "100");
    await fireEvent.click(screen.getByRole("button", { name: "Create plan" }));
    await waitFor(() => expect(screen.getByTestId("plans-table").textContent).toContain("SWARNA11"));
    const listed = await fake.listPlans(true);
    expect(listed.status === "ok" && listed.data[0].rules.lateness).toEqual({ pro_rata_bonus: true, extend_maturity: false, late_fee: { kind: "fixed", amount: "100.00" }, default_after_missed: null });
  });
});

describe("the advanced JSON box after a bad edit", () => {
  it("keeps_the_bad_text_and_its_message_until_the_form_changes_the_rules", async () => {
    await basicPlan();
    const box = input("Plan rules (JSON)");
    await fireEvent.focus(box);
    await fireEvent.input(box, { target: { value: "{ nope" } });
    await fireEvent.blur(box);
    expect(box.value).toBe("{ nope");
    expect(screen.getByText(/is not valid JSON/)).toBeTruthy();
    await fireEvent.click(input("Installments may be paid in advance"));
    expect(box.value).toContain('"advance_payments": false');
    expect(screen.queryByText(/is not valid JSON/)).toBeNull();
  });
});
