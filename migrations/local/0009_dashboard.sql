-- The dashboard (issue #6): each staff member's own choice and order of widgets.

-- One row per staff login (the CLI's `cli:<os user>` too). `widgets` is a JSON array of
-- {"widget": "<kind>", "visible": true|false} in display order; widgets added in a later
-- version are appended when read, so an old layout never hides them.
CREATE TABLE dashboard_layouts (
    staff_login TEXT PRIMARY KEY NOT NULL,
    widgets TEXT NOT NULL CHECK (json_valid(widgets)),
    updated_at TEXT NOT NULL
);
