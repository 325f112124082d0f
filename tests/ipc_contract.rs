//! The shell's IPC contract, driven through Tauri's mock runtime: command names, argument
//! names, money as strings, errors as `{code, message, field}`, and printed documents
//! written where the UI asked (a save path, the print folder, an export folder).

use kanak_app::Kanak;
use kanak_shell::Shell;
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;

struct Window {
    webview: tauri::WebviewWindow<MockRuntime>,
    _app: tauri::App<MockRuntime>,
    _dir: tempfile::TempDir,
}

fn window() -> Window {
    window_with(|shell| shell)
}

/// A window whose shell is adjusted first (where documents go).
fn window_with(adjust: impl FnOnce(Shell) -> Shell) -> Window {
    let dir = tempfile::tempdir().unwrap();
    let secrets = std::sync::Arc::new(kanak_app::MemorySecrets::default());
    let kanak = tauri::async_runtime::block_on(Kanak::open_with(
        dir.path(),
        kanak_app::Clock::System,
        secrets,
        None,
    ))
    .unwrap();
    let handlers = kanak_shell::specta_builder::<MockRuntime>();
    let shell = adjust(Shell::new(kanak).with_print_dir(dir.path().join("print")));
    let app = mock_builder()
        .invoke_handler(handlers.invoke_handler())
        .manage(shell)
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Window {
        webview,
        _app: app,
        _dir: dir,
    }
}

impl Window {
    /// Calls a command as the webview would; Ok is the data, Err the serialized error.
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request).map(|body| body.deserialize::<Value>().unwrap())
    }

    fn set_up(&self) {
        let input = json!({"shop_name": "Lakshmi Jewellers", "address": "Jaipur", "gstin": null, "branch_code": "MAIN",
                           "owner_name": "Ravi Soni", "owner_pin": "4321"});
        self.invoke("setup_shop", json!({ "input": input }))
            .unwrap();
    }
}

fn customer(name: &str, phone: &str) -> Value {
    json!({"name": name, "phone": phone, "pan": null, "aadhaar": null, "dob": null, "address": null,
           "pin_code": null, "email": null, "family_of": null, "relation": null})
}

#[test]
fn app_status_reports_first_run_until_setup() {
    let w = window();
    assert_eq!(
        w.invoke("app_status", json!({})).unwrap()["setup_done"],
        json!(false)
    );
    w.set_up();
    let status = w.invoke("app_status", json!({})).unwrap();
    assert_eq!(status["setup_done"], json!(true));
    assert_eq!(status["shop"]["branch_code"], json!("MAIN"));
    assert_eq!(status["shop"]["language"], json!("en"));
}

#[test]
fn bad_input_crosses_ipc_as_code_message_and_field() {
    let w = window();
    w.set_up();
    let error = w
        .invoke(
            "add_customer",
            json!({ "input": customer("Asha", "12345") }),
        )
        .unwrap_err();
    assert_eq!(error["code"], json!("invalid_input"));
    assert_eq!(error["field"], json!("phone"));
    assert!(
        error["message"].as_str().unwrap().starts_with("phone: "),
        "{error}"
    );
}

#[test]
fn money_crosses_ipc_as_strings_and_arguments_are_camel_cased() {
    let w = window();
    w.set_up();
    let plan = json!({"code": "SWARNA11", "name": "Swarna 11", "kind": "amount", "installment": "5000",
                      "min_amount": null, "max_amount": null, "installments": 11, "due_day": null, "grace_days": 7,
                      "purity": null, "bonus": "1 installment", "terms": ""});
    assert_eq!(
        w.invoke("create_plan", json!({ "input": plan })).unwrap()["total_payable"],
        json!("55000.00")
    );
    let code = w
        .invoke(
            "add_customer",
            json!({ "input": customer("श्रीमती लक्ष्मी", "9812345678") }),
        )
        .unwrap()["code"]
        .clone();
    let enrollment = w
        .invoke(
            "enroll",
            json!({"input": {"customer_code": code, "plan_code": "SWARNA11", "date": null}}),
        )
        .unwrap();
    let no = enrollment["enrollment_no"].clone();
    let payment = json!({"id": uuid::Uuid::now_v7().to_string(), "enrollment_no": no, "amount": "5000", "mode": "cash",
                         "reference": null, "date": null, "confirm_duplicate": false});
    let outcome = w
        .invoke("record_payment", json!({ "input": payment }))
        .unwrap();
    assert_eq!(outcome["payment"]["amount"], json!("5000.00"));
    assert_eq!(outcome["replayed"], json!(false));
    let detail = w
        .invoke("enrollment_detail", json!({ "enrollmentNo": no }))
        .unwrap();
    assert_eq!(detail["enrollment"]["total_paid"], json!("5000.00"));
    assert_eq!(detail["evaluation"]["schedule"][0]["status"], json!("paid"));
    let found = w
        .invoke("search_customers", json!({"query": "लक्ष्मी", "limit": 5}))
        .unwrap();
    assert_eq!(found[0]["name"], json!("श्रीमती लक्ष्मी"));
    let plans = w
        .invoke("list_plans", json!({"includeRetired": false}))
        .unwrap();
    assert_eq!(plans[0]["enrolled"], json!(1));
}

#[test]
fn an_unknown_enrollment_is_a_not_found_error_on_its_field() {
    let w = window();
    w.set_up();
    let error = w
        .invoke(
            "enrollment_detail",
            json!({ "enrollmentNo": "MAIN-E99999" }),
        )
        .unwrap_err();
    assert_eq!(
        error,
        json!({"code": "not_found", "message": "enrollment MAIN-E99999 was not found", "field": "enrollment_no"})
    );
}

/// A plan, a customer enrolled in it, and one cash payment: (enrollment no, payment id).
fn enrolled_and_paid(w: &Window) -> (Value, String) {
    let plan = json!({"code": "SWARNA11", "name": "Swarna 11", "kind": "amount", "installment": "5000",
                      "min_amount": null, "max_amount": null, "installments": 11, "due_day": null, "grace_days": 7,
                      "purity": null, "bonus": "1 installment", "terms": ""});
    w.invoke("create_plan", json!({ "input": plan })).unwrap();
    let code = w
        .invoke(
            "add_customer",
            json!({ "input": customer("Asha Verma", "9812345678") }),
        )
        .unwrap()["code"]
        .clone();
    let input = json!({"customer_code": code, "plan_code": "SWARNA11", "date": null});
    let no = w.invoke("enroll", json!({ "input": input })).unwrap()["enrollment_no"].clone();
    let id = uuid::Uuid::now_v7().to_string();
    let payment = json!({"id": id, "enrollment_no": no, "amount": "5000", "mode": "cash",
                         "reference": null, "date": null, "confirm_duplicate": false});
    w.invoke("record_payment", json!({ "input": payment }))
        .unwrap();
    (no, id)
}

fn read_pdf(path: &Value) -> Vec<u8> {
    let bytes = std::fs::read(path.as_str().unwrap()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "{path} is not a PDF");
    bytes
}

#[test]
fn save_document_writes_the_ledger_where_the_save_dialog_pointed_adding_pdf() {
    let w = window();
    w.set_up();
    let (no, _) = enrolled_and_paid(&w);
    let out = tempfile::tempdir().unwrap();
    let asked = out.path().join("asha-passbook");
    let document = json!({"kind": "ledger", "enrollment_no": no, "language": "hi"});
    let saved = w
        .invoke(
            "save_document",
            json!({"document": document, "path": asked.display().to_string()}),
        )
        .unwrap();
    let written = format!("{}.pdf", asked.display());
    assert_eq!(saved["path"], json!(written));
    assert_eq!(saved["bytes"], json!(read_pdf(&saved["path"]).len()));
}

#[test]
fn a_save_path_that_is_not_a_full_path_is_refused_on_its_field() {
    let w = window();
    w.set_up();
    let (no, _) = enrolled_and_paid(&w);
    let document = json!({"kind": "ledger", "enrollment_no": no, "language": null});
    let error = w
        .invoke(
            "save_document",
            json!({"document": document, "path": "ledger.pdf"}),
        )
        .unwrap_err();
    assert_eq!(
        error,
        json!({"code": "invalid_input", "message": "path: must be a full path to a file", "field": "path"})
    );
}

#[test]
fn printing_with_a_preset_folder_writes_the_thermal_receipt_there_and_opens_nothing() {
    let preset = tempfile::tempdir().unwrap();
    let w = window_with(|shell| shell.with_preset_dir(Some(preset.path().to_path_buf())));
    w.set_up();
    assert_eq!(
        w.invoke("preset_save_dir", json!({})).unwrap(),
        json!(preset.path().display().to_string())
    );
    let (_, id) = enrolled_and_paid(&w);
    let document = json!({"kind": "receipt", "payment_id": id, "format": "80mm"});
    let printed = w
        .invoke("print_document", json!({ "document": document }))
        .unwrap();
    let expected = preset
        .path()
        .join("print")
        .join(format!("receipt-80mm-{id}.pdf"));
    assert_eq!(printed["path"], json!(expected.display().to_string()));
    read_pdf(&printed["path"]);
}

#[test]
fn an_open_enrollment_has_no_closure_statement_to_print() {
    let w = window();
    w.set_up();
    assert_eq!(w.invoke("preset_save_dir", json!({})).unwrap(), json!(null));
    let (no, _) = enrolled_and_paid(&w);
    let document = json!({"kind": "closure_statement", "enrollment_no": no, "language": null});
    let error = w
        .invoke("print_document", json!({ "document": document }))
        .unwrap_err();
    assert_eq!(error["code"], json!("not_found"));
    assert_eq!(error["field"], json!("enrollment_no"));
}

#[test]
fn export_ledgers_writes_one_pdf_per_running_enrollment_into_the_folder() {
    let w = window();
    w.set_up();
    let (no, _) = enrolled_and_paid(&w);
    assert_eq!(w.invoke("cancel_export", json!({})).unwrap(), json!(false));
    let out = tempfile::tempdir().unwrap();
    let target = json!({"kind": "folder", "dir": out.path().display().to_string()});
    let filter = json!({"all": false, "status": null, "plan_code": null});
    let summary = w
        .invoke(
            "export_ledgers",
            json!({"filter": filter, "target": target, "progress": "__CHANNEL__:7"}),
        )
        .unwrap();
    let file = out
        .path()
        .join(format!("LEDGER-{}.pdf", no.as_str().unwrap()));
    assert_eq!(
        summary,
        json!({"total": 1, "written": 1, "cancelled": false, "files": [file.display().to_string()]})
    );
    read_pdf(&json!(file.display().to_string()));
}

#[test]
fn a_combined_export_to_a_relative_file_is_refused_before_anything_is_written() {
    let w = window();
    w.set_up();
    enrolled_and_paid(&w);
    let filter = json!({"all": true, "status": null, "plan_code": null});
    let error = w
        .invoke(
            "export_ledgers",
            json!({"filter": filter, "target": {"kind": "combined", "file": "all.pdf"}, "progress": "__CHANNEL__:8"}),
        )
        .unwrap_err();
    assert_eq!(
        (error["code"].clone(), error["field"].clone()),
        (json!("invalid_input"), json!("file"))
    );
}

/// The smallest valid PNG: 1×1, one grey pixel.
const TINY_PNG: [u8; 67] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0x3A, 0x7E, 0x9B, 0x55, 0, 0, 0, 0x0A, 0x49, 0x44, 0x41, 0x54,
    0x78, 0x9C, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81, 0x77, 0xCD, 0x72, 0xB6, 0, 0, 0, 0,
    0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[test]
fn set_shop_logo_reads_the_picked_png_and_the_shop_shows_it_until_removed() {
    let w = window();
    w.set_up();
    assert_eq!(
        w.invoke("app_status", json!({})).unwrap()["shop"]["has_logo"],
        json!(false)
    );
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("logo.png");
    std::fs::write(&png, TINY_PNG).unwrap();
    let shop = w
        .invoke(
            "set_shop_logo",
            json!({ "path": png.display().to_string() }),
        )
        .unwrap();
    assert_eq!(
        (shop["has_logo"].clone(), shop["shop_name"].clone()),
        (json!(true), json!("Lakshmi Jewellers"))
    );
    let removed = w.invoke("set_shop_logo", json!({ "path": null })).unwrap();
    assert_eq!(removed["has_logo"], json!(false));
    assert_eq!(
        w.invoke("app_status", json!({})).unwrap()["shop"]["has_logo"],
        json!(false)
    );
}

#[test]
fn a_logo_that_is_not_a_png_or_cannot_be_read_is_refused_on_the_logo_field() {
    let w = window();
    w.set_up();
    let dir = tempfile::tempdir().unwrap();
    let jpeg = dir.path().join("logo.png");
    std::fs::write(&jpeg, b"\xFF\xD8\xFF\xE0 a JPEG renamed").unwrap();
    let missing = dir.path().join("gone.png");
    for (path, why) in [(jpeg, "is not a PNG image"), (missing, "cannot read")] {
        let error = w
            .invoke(
                "set_shop_logo",
                json!({ "path": path.display().to_string() }),
            )
            .unwrap_err();
        assert_eq!(
            (error["code"].clone(), error["field"].clone()),
            (json!("invalid_input"), json!("logo")),
            "{error}"
        );
        let message = error["message"].as_str().unwrap();
        assert!(message.starts_with(&format!("logo: {why}")), "{message}");
    }
    let relative = w
        .invoke("set_shop_logo", json!({ "path": "logo.png" }))
        .unwrap_err();
    assert_eq!(
        relative["message"],
        json!("logo: must be a full path to a PNG file")
    );
    assert_eq!(
        w.invoke("app_status", json!({})).unwrap()["shop"]["has_logo"],
        json!(false),
        "nothing was stored"
    );
}

#[test]
fn the_payments_message_waits_in_the_outbox_and_outbox_commands_take_camel_cased_arguments() {
    let w = window();
    w.set_up();
    let (no, _) = enrolled_and_paid(&w);
    let waiting = w
        .invoke("list_outbox", json!({ "state": "pending" }))
        .unwrap();
    assert_eq!(waiting.as_array().unwrap().len(), 1);
    assert_eq!(waiting[0]["trigger"], "payment");
    assert_eq!(waiting[0]["to_phone"], "******5678");
    assert_eq!(
        w.invoke("outbox_summary", json!({})).unwrap(),
        json!({"waiting": 1, "failed": 0, "given_up": 0})
    );
    let on_time = w
        .invoke("send_missed_reminder", json!({ "enrollmentNo": no }))
        .unwrap_err();
    assert_eq!(on_time["code"], "invalid_input");
    assert_eq!(on_time["field"], "enrollment_no");
    let id = waiting[0]["id"].clone();
    let cancelled = w.invoke("cancel_message", json!({ "id": id })).unwrap();
    assert_eq!(cancelled["state"], "cancelled");
    let opt_out = w
        .invoke(
            "set_message_opt_out",
            json!({ "customerCode": "MAIN-00001", "channel": "whatsapp", "optedOut": true }),
        )
        .unwrap();
    assert_eq!(opt_out["whatsapp_opted_out"], true);
}

#[test]
fn sync_commands_take_camel_cased_arguments_and_a_counter_not_enrolled_says_so() {
    let w = window();
    w.set_up();
    let status = w.invoke("sync_status", json!({})).unwrap();
    assert_eq!(status["enrolled"], false);
    let bad_url = w
        .invoke(
            "sync_enroll",
            json!({ "hubUrl": "not a url", "token": "tok" }),
        )
        .unwrap_err();
    assert_eq!(bad_url["field"], "hub_url");
    let not_enrolled = w.invoke("sync_now", json!({})).unwrap_err();
    assert_eq!(not_enrolled["code"], "sync_not_enrolled");
    assert_eq!(
        w.invoke("sync_conflicts", json!({ "includeResolved": true }))
            .unwrap(),
        json!([])
    );
    let unknown = w
        .invoke("sync_resolve", json!({ "id": "nope", "resolution": "x" }))
        .unwrap_err();
    assert_eq!(unknown["code"], "not_found");
    let saved = w
        .invoke(
            "update_sync_settings",
            json!({ "settings": { "auto_sync": false, "interval_seconds": 60 } }),
        )
        .unwrap();
    assert_eq!(saved, json!({ "auto_sync": false, "interval_seconds": 60 }));
    assert_eq!(w.invoke("sync_settings", json!({})).unwrap(), saved);
}
