-- The shop's logo for printed documents (issue #5): a PNG, checked to decode when it is set.
ALTER TABLE shop ADD COLUMN logo_png BLOB;
