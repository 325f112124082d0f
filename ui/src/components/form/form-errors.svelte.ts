// Where a refusal is shown: an IpcFailure whose `field` is one of this form's inputs goes under that
// input; anything else goes to the form's banner.

import { IpcFailure } from "../../ipc";

export class FormErrors {
  fields = $state<Record<string, string>>({});
  banner = $state<string | null>(null);

  constructor(private readonly known: readonly string[]) {}

  clear(): void {
    this.fields = {};
    this.banner = null;
  }

  set(field: string, message: string): void {
    this.fields = { ...this.fields, [field]: message };
  }

  /** The error for an input, or null. */
  of(field: string): string | null {
    return this.fields[field] ?? null;
  }

  get any(): boolean {
    return this.banner !== null || Object.keys(this.fields).length > 0;
  }

  /** Shows a caught error; returns the first invalid field's name (to move focus there), if any. */
  show(error: unknown): string | null {
    this.clear();
    if (error instanceof IpcFailure && error.field && this.known.includes(error.field)) {
      this.set(error.field, error.detail);
      return error.field;
    }
    this.banner = error instanceof Error ? error.message : String(error);
    return null;
  }
}
