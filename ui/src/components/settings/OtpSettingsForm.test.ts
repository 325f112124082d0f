import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import OtpSettingsForm from "./OtpSettingsForm.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";
import { session } from "../../session.svelte";

let fake: Commands;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

const byLabel = (label: string) => {
  const found = document.querySelectorAll<HTMLElement>(`[aria-label="${label}"]`);
  if (found.length !== 1) throw new Error(`${found.length} controls labelled ${label}`);
  return found[0];
};
const byLabelSoon = (label: string) => waitFor(() => byLabel(label));
async function type(label: string, text: string) {
  await fireEvent.input(await byLabelSoon(label), { target: { value: text } });
}
async function choose(label: string, value: string) {
  const select = (await byLabelSoon(label)) as HTMLSelectElement;
  select.value = value;
  await fireEvent.change(select);
}

beforeEach(async () => {
  fake = createFakeBackend();
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
});

describe("settings: one-time codes", () => {
  it("the_console_provider_is_flagged_as_test_mode_and_the_idle_lock_is_saved", async () => {
    render(OtpSettingsForm);
    await waitFor(() => expect((byLabel("MSG91 address") as HTMLInputElement).value).toBe("https://control.msg91.com"));
    expect((byLabel("Lock after idle (minutes)") as HTMLInputElement).value).toBe("5");
    expect(screen.getByTestId("console-warning").textContent).toContain("TEST MODE");
    await choose("Primary provider", "msg91");
    await choose("Fallback provider", "console");
    expect(screen.queryByTestId("console-warning")).toBeNull();
    await type("Lock after idle (minutes)", "15");
    await type("MSG91 template id", "65f0c0ffee");
    await fireEvent.click(byLabel("Save one-time code settings"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("One-time code settings saved"));
    expect(session.idleMinutes).toBe(15);
    expect((await ok(fake.otpSettings())).settings).toMatchObject({ primary: "msg91", fallback: "console", idle_lock_minutes: 15, msg91_template_id: "65f0c0ffee" });
  });

  it("an_out_of_range_expiry_is_shown_under_its_field", async () => {
    render(OtpSettingsForm);
    await waitFor(() => expect((byLabel("MSG91 address") as HTMLInputElement).value).not.toBe(""));
    await type("Code expiry (minutes)", "90");
    await fireEvent.click(await byLabelSoon("Save one-time code settings"));
    await waitFor(() => expect(document.getElementById("otp-expiry_minutes-error")?.textContent).toBe("must be 1 to 60 minutes"));
  });

  it("a_key_is_set_and_removed_and_only_its_status_comes_back", async () => {
    render(OtpSettingsForm);
    await waitFor(() => expect(screen.getByTestId("key-msg91").textContent).toContain("not set"));
    expect((byLabel("MSG91 key") as HTMLInputElement).type).toBe("password");
    expect(screen.queryByRole("button", { name: "Remove MSG91 key" })).toBeNull();
    await fireEvent.click(byLabel("Set MSG91 key"));
    await waitFor(() => expect(document.getElementById("otp-key-msg91-error")?.textContent).toBe("is required"));
    await type("MSG91 key", "super-secret");
    await fireEvent.click(byLabel("Set MSG91 key"));
    await waitFor(() => expect(screen.getByTestId("key-msg91").textContent).toContain("key set"));
    expect((byLabel("MSG91 key") as HTMLInputElement).value).toBe("");
    expect(document.body.textContent).not.toContain("super-secret");
    expect(screen.getByTestId("key-whatsapp").textContent).toContain("not set");
    await fireEvent.click(byLabel("Remove MSG91 key"));
    await waitFor(() => expect(screen.getByTestId("key-msg91").textContent).toContain("not set"));
  });

  it("a_keyring_problem_is_shown_as_a_warning", async () => {
    const view = await ok(fake.otpSettings());
    useFakeBackend({ ...fake, otpSettings: async () => ({ status: "ok", data: { ...view, keyring_problem: "no Secret Service on this Linux desktop" } }) });
    render(OtpSettingsForm);
    const warning = await screen.findByTestId("keyring-problem");
    expect(warning.textContent).toContain("Keys cannot be stored on this computer");
    expect(warning.textContent).toContain("no Secret Service on this Linux desktop");
  });
});
