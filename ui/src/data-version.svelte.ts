// A "data changed" signal: flows that record money (a payment, a counter enrollment, a closure)
// bump it after success, and screens that show totals (the dashboard) fetch again when it moves.
// No restart and no polling: one reactive number.

export const dataVersion = $state({ value: 0 });

/** Call after a change that moves the shop's figures. */
export function dataChanged(): void {
  dataVersion.value += 1;
}
