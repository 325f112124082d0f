import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import FestivalForm from "./FestivalForm.svelte";
import { useFakeBackend } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";

let fake: Commands;

beforeEach(async () => {
  fake = createFakeBackend();
  useFakeBackend(fake);
  await fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" });
});

const input = (label: string) => screen.getByLabelText(label, { selector: "input" }) as HTMLInputElement;

describe("festival days", () => {
  it("a_festival_is_added_with_a_day_first_date_and_a_second_on_that_day_is_refused", async () => {
    render(FestivalForm);
    await fireEvent.input(input("Festival name"), { target: { value: "Akshaya Tritiya" } });
    await fireEvent.input(input("Festival date"), { target: { value: "19-04-2026" } });
    await fireEvent.click(screen.getByRole("button", { name: "Add festival" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Akshaya Tritiya on 19-04-2026 added"));
    expect(input("Festival name").value).toBe("");

    await fireEvent.input(input("Festival name"), { target: { value: "Again" } });
    await fireEvent.input(input("Festival date"), { target: { value: "2026-04-19" } });
    await fireEvent.click(screen.getByRole("button", { name: "Add festival" }));
    await waitFor(() => expect(input("Festival date").getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText(/a festival is already set on 2026-04-19/)).toBeTruthy();
  });
});
