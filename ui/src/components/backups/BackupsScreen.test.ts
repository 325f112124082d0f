import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import BackupsScreen from "./BackupsScreen.svelte";
import DashboardScreen from "../dashboard/DashboardScreen.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeShop, type Commands } from "../../ipc/fake";
import { loadSession } from "../../session.svelte";

let fake: Commands;
let now = new Date("2026-12-02T09:00:00Z");

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

const button = (label: string) => screen.getByRole("button", { name: label });

beforeEach(async () => {
  now = new Date("2026-12-02T09:00:00Z");
  ({ commands: fake } = createFakeShop({ today: () => now.toISOString().slice(0, 10), now: () => now }));
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  await ok(fake.login("owner", "4321"));
  await loadSession();
});

describe("the backups screen", () => {
  it("warns_when_no_backup_was_made_and_lists_one_made_with_back_up_now", async () => {
    render(BackupsScreen);
    expect((await screen.findByTestId("backups-warning")).textContent).toContain("No backup has been made yet");
    expect(screen.getByText("No backups in this folder yet.")).toBeTruthy();
    await fireEvent.click(button("Back up now"));
    await waitFor(() => expect(screen.getAllByTestId("backup-row")).toHaveLength(1));
    expect(screen.getByTestId("backups-notice").textContent).toContain("kanak-20261202-090000.kanakbackup");
    expect(screen.queryByTestId("backups-warning")).toBeNull();
    expect(screen.getByTestId("backups-status").textContent).toContain("0 hours ago");
  });

  it("shows_what_a_backup_holds_and_asks_before_restoring_it", async () => {
    await ok(fake.createBackup());
    render(BackupsScreen);
    const row = await screen.findByTestId("backup-row");
    const name = row.getAttribute("title")!.split("/").pop()!;
    await fireEvent.click(button(`Verify ${name}`));
    await waitFor(() => expect(screen.getByTestId("backups-notice").textContent).toContain("is whole"));
    await fireEvent.click(button(`Restore ${name}`));
    const confirm = await screen.findByTestId("restore-confirm");
    expect(confirm.textContent).toContain("by Kanak 0.1.0 (schema 17)");
    expect(screen.getByTestId("restore-counts").textContent).toContain("0 customers, 0 enrollments, 0 payments");
    await fireEvent.click(button("Cancel"));
    expect(screen.queryByTestId("restore-confirm")).toBeNull();
    await fireEvent.click(button(`Restore ${name}`));
    await fireEvent.click(await screen.findByRole("button", { name: "Replace the current book with this backup" }));
    await waitFor(() => expect(screen.getByTestId("backups-notice").textContent).toContain("Kanak is restarting"));
  });

  it("refuses_a_relative_folder_and_bad_retention_by_field", async () => {
    render(BackupsScreen);
    await screen.findByTestId("backups-settings");
    await fireEvent.input(screen.getByLabelText(/Backup folder/), { target: { value: "backups" } });
    await fireEvent.click(button("Save settings"));
    await waitFor(() => expect(document.getElementById("backups-folder-error")?.textContent).toContain("must be a full path"));
    await fireEvent.input(screen.getByLabelText(/Backup folder/), { target: { value: "/media/usb/kanak" } });
    await fireEvent.input(screen.getByLabelText("Keep daily backups (days)"), { target: { value: "0" } });
    await fireEvent.click(button("Save settings"));
    await waitFor(() => expect(document.getElementById("backups-keep_daily-error")?.textContent).toContain("between 1 and 365"));
    await fireEvent.input(screen.getByLabelText("Keep daily backups (days)"), { target: { value: "10" } });
    await fireEvent.click(button("Save settings"));
    await waitFor(() => expect(screen.getByTestId("backups-notice").textContent).toContain("Backup settings saved"));
    expect(screen.getByRole("heading", { name: "Backups in /media/usb/kanak" })).toBeTruthy();
  });
});

describe("the dashboard's backup line", () => {
  it("shows_the_last_backup_age_and_warns_after_two_days_without_one", async () => {
    await ok(fake.createBackup());
    now = new Date("2026-12-02T14:00:00Z");
    await ok(fake.login("owner", "4321"));
    const first = render(DashboardScreen);
    const line = await screen.findByTestId("backup-line");
    expect(line.textContent).toContain("Last backup: 5 hours ago");
    expect(line.dataset.warning).toBe("no");
    first.unmount();
    now = new Date("2026-12-05T10:00:00Z");
    await ok(fake.login("owner", "4321"));
    render(DashboardScreen);
    await waitFor(() => expect(screen.getByTestId("backup-line").dataset.warning).toBe("yes"));
    expect(screen.getByTestId("backup-line").textContent).toContain("3 days ago");
    expect(screen.getByTestId("backup-line").textContent).toContain("No backup has succeeded in 2 days.");
  });
});
