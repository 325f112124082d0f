// The shape every generated command resolves to (tauri-specta's typedError).
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };
