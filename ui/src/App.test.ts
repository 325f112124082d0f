// The end-to-end path of tests/e2e/counter.test.mjs, in jsdom against the fake backend, finding every
// control by its aria-label exactly as the WebDriver test does.
import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import App from "./App.svelte";
import { useFakeBackend } from "./ipc";
import { createFakeBackend } from "./ipc/fake";
import { setLanguage } from "./i18n";
import { navigate } from "./router.svelte";

const byLabel = (label: string) => {
  const found = document.querySelectorAll<HTMLElement>(`[aria-label="${label}"]`);
  if (found.length !== 1) throw new Error(`${found.length} controls labelled ${label}`);
  return found[0];
};
const byLabelSoon = (label: string) => waitFor(() => byLabel(label));
async function type(label: string, text: string) {
  await fireEvent.input(await byLabelSoon(label), { target: { value: text } });
}

beforeEach(() => {
  useFakeBackend(createFakeBackend());
  setLanguage("en");
  navigate({ name: "counter" });
});

describe("the app against the fake backend", () => {
  it("goes from first-run setup through a plan and a counter enrollment to the profile", async () => {
    render(App);
    await type("Shop name", "Lakshmi Jewellers");
    await type("Address", "12 Johari Bazaar, Jaipur");
    await type("Branch code", "MAIN");
    await type("Owner name", "Ravi Soni");
    await type("Owner PIN", "4321");
    await type("Confirm PIN", "4321");
    await fireEvent.click(byLabel("Start using Kanak"));
    // The recovery code is shown once; the owner is already logged in.
    const code = await screen.findByTestId("recovery-code");
    expect(code.textContent).toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    await fireEvent.click(byLabel("Continue"));
    // Then the database recovery key, once: Continue waits for "I have written it down".
    const key = await screen.findByTestId("recovery-key-groups");
    expect(key.querySelectorAll("li")).toHaveLength(14);
    expect((byLabel("Continue") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(byLabel("I have written it down or printed the sheet"));
    await fireEvent.click(byLabel("Continue"));

    await waitFor(() => expect(screen.getByTestId("rate-missing").textContent).toContain("Today's gold rate is not set"));
    await fireEvent.click(byLabel("Plans"));
    await type("Plan name", "Swarna 11");
    await type("Plan code", "SWARNA11");
    await type("Installment amount", "5000");
    await type("Number of installments", "11");
    await type("Bonus", "1 installment");
    expect(screen.getByTestId("plan-summary").textContent).toContain("₹55,000.00");
    await fireEvent.click(byLabel("Create plan"));
    await waitFor(() => expect(document.querySelector("main")!.textContent).toContain("SWARNA11"));

    await fireEvent.click(byLabel("Counter"));
    await type("Customer name", "श्रीमती लक्ष्मी");
    await type("Phone", "98123 45678");
    const plan = (await byLabelSoon("Plan")) as HTMLSelectElement;
    await waitFor(() => expect(plan.querySelector('option[value="SWARNA11"]')).not.toBeNull());
    plan.value = "SWARNA11";
    await fireEvent.change(plan);
    await type("Amount", "5000");
    await fireEvent.click(byLabel("Enroll and take payment"));
    await waitFor(() => expect(document.querySelector('[role="status"]')!.textContent).toContain("MAIN-R000001"));
    expect(document.querySelector('[role="status"]')!.textContent).toMatch(/MAIN-00001/);

    await fireEvent.click(byLabel("Open profile"));
    await waitFor(() => expect(document.querySelector("h1")!.textContent!.trim()).toBe("श्रीमती लक्ष्मी"));
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    const payments = await screen.findByTestId("profile-payments");
    expect(payments.textContent).toContain("MAIN-R000001");
    expect(payments.textContent).toContain("₹5,000.00");
    for (const heading of ["Enrollments", "Payments", "Family"]) expect(screen.getByRole("heading", { name: heading, level: 2 })).toBeTruthy();
  });

  it("closes a plan with the console provider's code, as tests/e2e/closure.test.mjs does", async () => {
    render(App);
    await type("Shop name", "Lakshmi Jewellers");
    await type("Address", "12 Johari Bazaar, Jaipur");
    await type("Branch code", "MAIN");
    await type("Owner name", "Ravi Soni");
    await type("Owner PIN", "4321");
    await type("Confirm PIN", "4321");
    await fireEvent.click(byLabel("Start using Kanak"));
    await fireEvent.click(await byLabelSoon("Continue"));
    await fireEvent.click(await byLabelSoon("I have written it down or printed the sheet"));
    await fireEvent.click(byLabel("Continue"));
    await waitFor(() => expect(screen.getByTestId("current-user").textContent).toContain("owner"));

    await fireEvent.click(byLabel("Plans"));
    await type("Plan name", "Early Exit 11");
    await type("Plan code", "EARLY11");
    await type("Installment amount", "5000");
    await type("Number of installments", "11");
    await type("Bonus", "1 installment");
    await type("Earliest after installments", "1");
    await type("Deduction (% of paid)", "2");
    const settled = byLabel("Early closure settled in") as HTMLSelectElement;
    expect(settled.querySelector('option[value="cash_or_jewellery"]')).not.toBeNull();
    await fireEvent.click(byLabel("Create plan"));
    await waitFor(() => expect(document.querySelector("main")!.textContent).toContain("EARLY11"));

    await fireEvent.click(byLabel("Counter"));
    await type("Customer name", "Asha Verma");
    await type("Phone", "98765 43210");
    const plan = (await byLabelSoon("Plan")) as HTMLSelectElement;
    await waitFor(() => expect(plan.querySelector('option[value="EARLY11"]')).not.toBeNull());
    plan.value = "EARLY11";
    await fireEvent.change(plan);
    await type("Amount", "5000");
    await fireEvent.click(byLabel("Enroll and take payment"));
    await waitFor(() => expect(document.querySelector('[role="status"]')!.textContent).toContain("MAIN-R000001"));

    await fireEvent.click(byLabel("Open profile"));
    await waitFor(() => expect(document.querySelector('a[href="#/enrollments/MAIN-E00001"]')).not.toBeNull());
    navigate({ name: "enrollment", no: "MAIN-E00001" }); // what the link's click does in the real window
    await waitFor(() => expect(document.querySelector("h1")!.textContent).toContain("MAIN-E00001"));

    await fireEvent.click(await byLabelSoon("Close plan"));
    await waitFor(() => expect(screen.getByTestId("close-quote").textContent).toContain("₹4,900.00"));
    expect((byLabel("Settlement") as HTMLSelectElement).querySelector('option[value="cash"]')).not.toBeNull();
    await fireEvent.click(byLabel("Send code"));
    await waitFor(() => expect(screen.getByTestId("otp-test-mode").textContent).toContain("TEST MODE"));
    const code = screen.getByTestId("otp-test-code").textContent!.trim();
    await type("One-time code", code);
    await fireEvent.click(byLabel("Confirm closure"));
    await waitFor(() => expect(screen.getByTestId("closed-by").textContent).toContain("Closed by owner"));
    expect(screen.getByTestId("closure-summary").textContent).toMatch(/Premature closure[\s\S]*₹4,900\.00/);
    expect(document.querySelectorAll('[aria-label="Take payment"]')).toHaveLength(0);
  });

  it("switches the whole UI to Hindi from Settings", async () => {
    const fake = createFakeBackend();
    useFakeBackend(fake);
    await fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" });
    navigate({ name: "settings" });
    render(App);
    const language = (await byLabelSoon("Language")) as HTMLSelectElement;
    expect((byLabel("Customer code pattern") as HTMLInputElement).value).toBe("{BRANCH}-{SEQ:5}");
    expect(screen.getByTestId("code-example").textContent).toContain("MAIN-00001");
    language.value = "hi";
    await fireEvent.change(language);
    await fireEvent.click(byLabel("Save settings"));
    await waitFor(() => expect(byLabel("ग्राहक").textContent).toContain("ग्राहक"));
    expect(byLabel("सोने का भाव")).toBeTruthy();
    expect(document.documentElement.lang).toBe("hi");
    expect((await fake.appStatus()).status === "ok" && (await fake.appStatus())).toMatchObject({ data: { shop: { language: "hi" } } });
  });
});
