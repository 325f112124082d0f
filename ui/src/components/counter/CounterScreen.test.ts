import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import CounterScreen from "./CounterScreen.svelte";
import { useFakeBackend } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";
import { router } from "../../router.svelte";

let fake: Commands;

beforeEach(async () => {
  fake = createFakeBackend();
  useFakeBackend(fake);
  await fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" });
  await fake.createPlan({ code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "1 installment", terms: "", rules: null });
});

async function fillVisitor(phone: string) {
  render(CounterScreen);
  await fireEvent.input(screen.getByLabelText("Customer name", { selector: "input" }), { target: { value: "श्रीमती लक्ष्मी" } });
  await fireEvent.input(screen.getByLabelText("Phone", { selector: "input" }), { target: { value: phone } });
  const plan = await screen.findByRole("option", { name: /Swarna 11/ });
  const select = screen.getByLabelText("Plan", { selector: "select" }) as HTMLSelectElement;
  select.value = (plan as HTMLOptionElement).value;
  await fireEvent.change(select);
}

describe("counter enrollment", () => {
  it("focuses the first field and pre-fills the amount from the plan", async () => {
    await fillVisitor("9812345678");
    expect(document.activeElement).toBe(screen.getByLabelText("Customer name", { selector: "input" }));
    expect((screen.getByLabelText("Amount", { selector: "input" }) as HTMLInputElement).value).toBe("5000.00");
    expect(screen.getByTestId("counter-plan-brief").textContent).toContain("One installment free at maturity");
  });

  it("shows the backend's phone error under the phone input and keeps the typed values", async () => {
    await fillVisitor("12345");
    await fireEvent.click(screen.getByRole("button", { name: "Enroll and take payment" }));

    const phone = screen.getByLabelText("Phone", { selector: "input" });
    await waitFor(() => expect(phone.getAttribute("aria-invalid")).toBe("true"));
    const error = document.getElementById(phone.getAttribute("aria-describedby")!.split(" ")[0])!;
    expect(error.classList.contains("field-error")).toBe(true);
    expect(error.textContent).toMatch(/10-digit mobile number/);
    expect(error.textContent).not.toMatch(/^phone:/);
    // The error sits right under the phone input, in the same field.
    expect(phone.parentElement!.contains(error)).toBe(true);
    expect(screen.getByLabelText("Customer name", { selector: "input" }).getAttribute("aria-invalid")).toBeNull();
    expect((screen.getByLabelText("Customer name", { selector: "input" }) as HTMLInputElement).value).toBe("श्रीमती लक्ष्मी");
    expect(screen.queryByRole("status")).toBeNull();
    expect(await fake.searchCustomers("", 10)).toEqual({ status: "ok", data: [] });
  });

  it("shows codes and the receipt in a status panel and opens the profile", async () => {
    await fillVisitor("98123 45678");
    await fireEvent.click(screen.getByRole("button", { name: "Enroll and take payment" }));

    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("MAIN-00001");
    expect(status.textContent).toContain("MAIN-E00001");
    expect(status.textContent).toContain("MAIN-R000001");
    expect(status.textContent).toContain("₹5,000.00");
    await fireEvent.click(screen.getByRole("button", { name: "Open profile" }));
    expect(router.route).toEqual({ name: "customer", code: "MAIN-00001" });
  });

  it("shows the reference field only for non-cash modes", async () => {
    render(CounterScreen);
    expect(screen.queryByLabelText("Reference", { selector: "input" })).toBeNull();
    const mode = screen.getByLabelText("Payment mode", { selector: "select" }) as HTMLSelectElement;
    mode.value = "upi";
    await fireEvent.change(mode);
    expect(screen.getByLabelText("Reference", { selector: "input" })).toBeTruthy();
  });

  it("the_counter_sends_the_picked_tier_with_the_enrollment", async () => {
    const tiers = [{ installments: 6, bonus: "30% of installment" }, { installments: 11, bonus: "75% of installment" }];
    await fake.createPlan({ code: "SENCO", name: "Senco Tiers", kind: "amount", installment: "2000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "75% of installment", terms: "", rules: { tiers } });
    render(CounterScreen);
    await fireEvent.input(screen.getByLabelText("Customer name", { selector: "input" }), { target: { value: "Asha Verma" } });
    await fireEvent.input(screen.getByLabelText("Phone", { selector: "input" }), { target: { value: "9876543210" } });
    await screen.findByRole("option", { name: /Senco Tiers/ });
    const select = screen.getByLabelText("Plan", { selector: "select" }) as HTMLSelectElement;
    select.value = "SENCO";
    await fireEvent.change(select);
    const tier = screen.getByLabelText("Plan length", { selector: "select" }) as HTMLSelectElement;
    expect(tier.value).toBe("11");
    expect([...tier.options].map((o) => o.textContent)).toEqual(["6 months — 30% of one installment at maturity", "11 months — 75% of one installment at maturity"]);
    tier.value = "6";
    await fireEvent.change(tier);
    expect(screen.getByTestId("counter-plan-brief").textContent).toContain("₹12,000.00");
    await fireEvent.click(screen.getByRole("button", { name: "Enroll and take payment" }));
    await screen.findByRole("status");
    const listed = await fake.listEnrollments(false);
    expect(listed.status === "ok" && listed.data[0]).toMatchObject({ plan_code: "SENCO", installments: 6 });
  });

  it("shows no length choice for a plan without tiers", async () => {
    await fillVisitor("9812345678");
    expect(screen.queryByLabelText("Plan length", { selector: "select" })).toBeNull();
  });
});
