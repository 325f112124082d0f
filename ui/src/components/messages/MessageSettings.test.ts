import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import MessageSettings from "./MessageSettings.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeShop, type Commands } from "../../ipc/fake";
import { fakeMessages } from "../../ipc/fake-messages";
import type { FakeState } from "../../ipc/fake-state";

let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

async function type(label: string, text: string) {
  await fireEvent.input(await screen.findByLabelText(label), { target: { value: text } });
}
const errorOf = (id: string) => document.getElementById(`${id}-error`)?.textContent ?? null;

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop());
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Shree Lakshmi Jewellers and Sons Jaipur", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  await ok(fake.login("owner", "4321"));
});

describe("Settings → Messages", () => {
  it("a_dlt_variable_over_30_characters_shows_the_error_under_the_variables", async () => {
    render(MessageSettings);
    await type("Template name or Flow id", "6650a1b2c3");
    await type("Variables in order (comma-separated)", "customer_name, shop_name");
    await fireEvent.click(screen.getByRole("button", { name: "Register template" }));
    await waitFor(() => expect(errorOf("template-variables")).toBe("VAR2 (shop_name) is 39 characters; a DLT variable may have at most 30"));
    expect(fakeMessages(state).templates).toHaveLength(0);
  });

  it("a_template_is_registered_and_previewed_with_its_variables_in_order", async () => {
    render(MessageSettings);
    await type("Template name or Flow id", "6650a1b2c3");
    await type("Variables in order (comma-separated)", "customer_name, amount, receipt_no");
    await fireEvent.click(screen.getByRole("button", { name: "Register template" }));
    await screen.findByText("Template 6650a1b2c3 registered.");
    await fireEvent.click(screen.getByRole("button", { name: "Preview Payment received on SMS" }));
    const preview = await screen.findByTestId("template-preview");
    expect([...preview.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "VAR1 customer_name: Asha Verma",
      "VAR2 amount: 5,000.00",
      "VAR3 receipt_no: MAIN-R000123",
    ]);
  });

  it("the_variables_hint_lists_what_the_chosen_trigger_can_fill", async () => {
    render(MessageSettings);
    await waitFor(() => expect(document.body.textContent).toContain("customer_name, amount, receipt_no, enrollment_no, date, plan_name, shop_name"));
    expect(document.body.textContent).not.toContain("grams, rate");
  });

  it("an_unknown_variable_is_refused_naming_it", async () => {
    render(MessageSettings);
    await type("Template name or Flow id", "6650a1b2c3");
    await type("Variables in order (comma-separated)", "customer_name, grams");
    await fireEvent.click(screen.getByRole("button", { name: "Register template" }));
    await waitFor(() => expect(errorOf("template-variables")).toContain('VAR2 "grams" is not a variable of payment messages'));
  });

  it("sending_hours_and_switches_are_saved_and_a_bad_time_is_shown_under_its_field", async () => {
    render(MessageSettings);
    await type("Reminders from (India time)", "9 am");
    await fireEvent.click(screen.getByRole("button", { name: "Save message settings" }));
    await waitFor(() => expect(errorOf("messages-quiet_start")).toBe("must be a time like 09:00 (24-hour)"));
    await type("Reminders from (India time)", "10:00");
    await fireEvent.click(screen.getByLabelText("Occasion greeting"));
    await fireEvent.click(screen.getByRole("button", { name: "Save message settings" }));
    await waitFor(() => expect(document.body.textContent).toContain("Message settings saved."));
    const saved = fakeMessages(state).settings;
    expect(saved.quiet_start).toBe("10:00");
    expect(saved.triggers.find((s) => s.trigger === "occasion")?.enabled).toBe(false);
  });
});
