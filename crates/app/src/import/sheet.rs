//! Reading a spreadsheet into plain text cells: CSV (RFC 4180 quoting) and XLSX (calamine).
//! Nothing here knows what a customer or a payment is; cells stay text until `rows` reads them.

use std::io::Cursor;

use calamine::{Data, Reader};

/// The most rows one file may hold, so a stray file cannot eat the counter's memory.
pub const MAX_ROWS: usize = 100_000;

/// One sheet: its name and its rows, the header first. Row `i` is spreadsheet row `i + 1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable(pub String);

/// Reads a workbook or a CSV; the kind is told by the file's first bytes (XLSX is a zip).
pub fn read_workbook(file_name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, Unreadable> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Unreadable("the file is neither XLSX nor UTF-8 CSV text".into()))?;
    let stem = std::path::Path::new(file_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("sheet");
    Ok(vec![Sheet {
        name: stem.to_string(),
        rows: parse_csv(text)?,
    }])
}

/// RFC 4180: fields split by commas, a quoted field may hold commas, newlines and `""`.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, Unreadable> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text); // spreadsheet programs add a BOM
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut was_quoted, mut line) = (false, false, 1usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                line += usize::from(c == '\n');
                field.push(c);
            }
            (false, '"') if field.is_empty() && !was_quoted => (quoted, was_quoted) = (true, true),
            (false, '"') => {
                return Err(Unreadable(format!(
                    "line {line}: a quote inside an unquoted field; quote the whole field"
                )));
            }
            (false, ',') => {
                row.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n' | '\r') => {
                row.push(std::mem::take(&mut field));
                was_quoted = false;
                line += 1;
                rows.push(std::mem::take(&mut row));
                if rows.len() > MAX_ROWS {
                    return Err(Unreadable(format!(
                        "more than {MAX_ROWS} rows; split the file"
                    )));
                }
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(Unreadable(format!(
            "line {line}: a quoted field is never closed"
        )));
    }
    if !field.is_empty() || !row.is_empty() || was_quoted {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, Unreadable> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| Unreadable(format!("not a readable XLSX workbook: {e}")))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| Unreadable(format!("sheet {name}: {e}")))?;
        if range.height() > MAX_ROWS {
            return Err(Unreadable(format!(
                "sheet {name} has more than {MAX_ROWS} rows"
            )));
        }
        // A sheet that starts lower down keeps its row numbers: the staff read them in Excel.
        let top = range.start().map_or(0, |(row, _)| row as usize);
        let left = range.start().map_or(0, |(_, col)| col as usize);
        let mut rows = vec![Vec::new(); top];
        for cells in range.rows() {
            let mut row = vec![String::new(); left];
            row.extend(cells.iter().map(cell_text));
            rows.push(row);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// A cell as the text the staff typed: whole numbers without ".0" (a phone number stored as
/// a number), dates as ISO days.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| t.date().to_string())
            .unwrap_or_else(|| d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_field_keeps_its_comma_newline_and_quotes() {
        let rows = parse_csv("a,\"b,1\",\"say \"\"hi\"\"\nthere\"\r\nx,,z").unwrap();
        assert_eq!(
            rows,
            vec![
                vec!["a".to_string(), "b,1".into(), "say \"hi\"\nthere".into()],
                vec!["x".to_string(), "".into(), "z".into()],
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_is_refused_with_its_line() {
        let err = parse_csv("a,b\n\"open,c\n").unwrap_err();
        assert!(
            err.0.contains("line 3") || err.0.contains("line 2"),
            "{}",
            err.0
        );
    }
}
