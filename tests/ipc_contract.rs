//! The shell's IPC contract, driven through Tauri's mock runtime: command names, argument
//! names, money as strings, and errors as `{code, message, field}`.

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
    let dir = tempfile::tempdir().unwrap();
    let kanak = tauri::async_runtime::block_on(Kanak::open(dir.path())).unwrap();
    let handlers = kanak_shell::specta_builder::<MockRuntime>();
    let app = mock_builder()
        .invoke_handler(handlers.invoke_handler())
        .manage(Shell::new(kanak))
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
