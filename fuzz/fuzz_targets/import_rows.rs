//! Any CSV text under the sample workbook mapping, through the importer's row reading and the
//! use cases' validation as a dry run on a scratch shop: problems, never a panic.
#![no_main]

use std::sync::OnceLock;

use kanak_app::{Actor, ImportMapping, Kanak, SetupInput};
use libfuzzer_sys::fuzz_target;

struct Scratch {
    runtime: tokio::runtime::Runtime,
    kanak: Kanak,
    mappings: Vec<ImportMapping>,
    _dir: tempfile::TempDir,
}

fn scratch() -> &'static Scratch {
    static SCRATCH: OnceLock<Scratch> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let kanak = runtime.block_on(async {
            let secrets = std::sync::Arc::new(kanak_app::MemorySecrets::default());
            let kanak = Kanak::open_with(dir.path(), kanak_app::Clock::System, secrets, None)
                .await
                .unwrap();
            kanak
                .setup_shop(SetupInput {
                    shop_name: "Fuzz".into(),
                    address: String::new(),
                    gstin: None,
                    branch_code: "MAIN".into(),
                    owner_name: "Owner".into(),
                    owner_pin: "4321".into(),
                })
                .await
                .unwrap();
            kanak
        });
        let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/import/");
        let mappings = ["customers.mapping.json", "workbook.mapping.json"]
            .iter()
            .map(|f| {
                ImportMapping::parse(&std::fs::read_to_string(format!("{docs}{f}")).unwrap())
                    .unwrap()
            })
            .collect();
        Scratch {
            runtime,
            kanak,
            mappings,
            _dir: dir,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let s = scratch();
    let actor = Actor::cli("fuzz");
    for mapping in &s.mappings {
        let report = s.runtime.block_on(
            s.kanak
                .import_spreadsheet(&actor, "fuzz.csv", data, mapping, true),
        );
        if let Ok(report) = report {
            assert!(!report.committed, "a dry run never commits");
        }
    }
});
