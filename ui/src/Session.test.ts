// The login screen and the session in the shell, against the fake backend.
import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import App from "./App.svelte";
import { useFakeBackend, type IpcError, type Result } from "./ipc";
import { createFakeBackend, type Commands } from "./ipc/fake";
import { setLanguage } from "./i18n";
import { navigate, router } from "./router.svelte";
import { checkIdle, session } from "./session.svelte";

let fake: Commands;
let recovery: string;

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
async function logIn(login: string, pin: string) {
  await type("Login", login);
  await type("PIN", pin);
  await fireEvent.click(byLabel("Log in"));
}
const navLabels = () => [...document.querySelectorAll("nav a")].map((a) => a.getAttribute("aria-label"));

beforeEach(async () => {
  fake = createFakeBackend();
  useFakeBackend(fake);
  setLanguage("en");
  session.checked = false;
  session.user = null;
  session.reason = null;
  session.lastLogin = "";
  recovery = (await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" }))).recovery_code;
  await ok(fake.addStaff({ name: "Meena", login: "meena", role: "cashier", pin: "1111" }));
  navigate({ name: "counter" });
});

describe("logging in", () => {
  it("a_logged_out_command_returns_to_the_login_screen_and_logging_in_returns_to_the_same_screen", async () => {
    navigate({ name: "customers" });
    render(App);
    await screen.findByRole("heading", { name: "Customers", level: 1 });
    await ok(fake.logout());
    navigate({ name: "enrollments" });
    await screen.findByRole("heading", { name: "Log in", level: 1 });
    expect(screen.getByTestId("login-notice").textContent).toBe("Log in to carry on.");
    expect(router.route).toEqual({ name: "enrollments" });
    await logIn("owner", "4321");
    await screen.findByRole("heading", { name: "Enrollments", level: 1 });
    expect(screen.getByTestId("current-user").textContent).toContain("owner");
  });

  it("typing_a_login_keeps_the_cursor_in_the_login_field", async () => {
    await ok(fake.logout());
    render(App);
    const login = (await byLabelSoon("Login")) as HTMLInputElement;
    expect(document.activeElement).toBe(login);
    await type("Login", "o");
    await type("Login", "ow");
    expect(document.activeElement).toBe(login);
  });

  it("a_wrong_pin_shows_the_backends_message_and_clears_the_pin", async () => {
    await ok(fake.logout());
    render(App);
    await logIn("meena", "2222");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("wrong login or PIN"));
    expect((byLabel("PIN") as HTMLInputElement).value).toBe("");
    expect((byLabel("PIN") as HTMLInputElement).type).toBe("password");
  });

  it("a_cashier_sees_only_the_counters_screens_and_switch_user_goes_back_to_login", async () => {
    await ok(fake.logout());
    navigate({ name: "settings" });
    render(App);
    await logIn("meena", "1111");
    await waitFor(() => expect(screen.getByTestId("current-user").textContent).toContain("meena"));
    expect(screen.getByTestId("current-user").textContent).toContain("Cashier");
    expect(router.route).toEqual({ name: "dashboard" });
    expect(navLabels()).toEqual(["Dashboard", "Counter", "Customers", "Payments", "Enrollments", "Gold rate", "Help"]);
    await fireEvent.click(byLabel("Switch user"));
    await screen.findByRole("heading", { name: "Log in", level: 1 });
    expect((byLabel("Login") as HTMLInputElement).value).toBe("");
    expect(await ok(fake.currentUser())).toBeNull();
  });

  it("the_owner_sees_staff_audit_and_settings_and_lock_keeps_the_login", async () => {
    render(App);
    await waitFor(() => expect(navLabels()).toEqual(["Dashboard", "Counter", "Customers", "Payments", "Plans", "Enrollments", "Gold rate", "Staff", "Reports", "Export ledgers", "Outbox", "Import", "Audit trail", "Backups", "Help", "Settings"]));
    await fireEvent.click(byLabel("Lock"));
    await screen.findByRole("heading", { name: "Log in", level: 1 });
    expect((byLabel("Login") as HTMLInputElement).value).toBe("owner");
    expect(screen.getByTestId("login-notice").textContent).toContain("locked");
  });

  it("the_screen_locks_itself_after_the_idle_minutes_without_commands", async () => {
    render(App);
    await waitFor(() => expect(screen.getByTestId("current-user")).toBeTruthy());
    checkIdle(Date.now() + 6 * 60_000);
    await screen.findByRole("heading", { name: "Log in", level: 1 });
    expect(screen.getByTestId("login-notice").textContent).toContain("idle");
  });

  it("a_forgotten_owner_pin_is_reset_with_the_recovery_code_and_the_next_code_is_shown_once", async () => {
    await ok(fake.logout());
    render(App);
    await fireEvent.click(await byLabelSoon("Forgot owner PIN?"));
    await type("Recovery code", "AAAA-BBBB-CCCC-DDDD");
    await type("New owner PIN", "9876");
    await type("Confirm new PIN", "9876");
    await fireEvent.click(byLabel("Reset owner PIN"));
    await waitFor(() => expect(document.getElementById("recover-code-error")?.textContent).toBe("does not match"));
    await type("Recovery code", recovery);
    await fireEvent.click(byLabel("Reset owner PIN"));
    const next = await screen.findByTestId("recovery-code");
    expect(next.textContent).toContain("Your new recovery code");
    expect(next.textContent).not.toContain(recovery);
    await fireEvent.click(byLabel("Continue"));
    expect((byLabel("Login") as HTMLInputElement).value).toBe("owner");
    await logIn("owner", "9876");
    await waitFor(() => expect(screen.getByTestId("current-user").textContent).toContain("owner"));
  });
});
