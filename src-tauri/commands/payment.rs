use kanak_app::{IpcError, PaymentInput, PaymentOutcome};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn record_payment(
    shell: State<'_, Shell>,
    input: PaymentInput,
) -> Result<PaymentOutcome, IpcError> {
    let outcome = shell
        .kanak
        .record_payment(&shell.actor().await?, input)
        .await?;
    // The payment's confirmation waits in the outbox: send it now, not in 45 s.
    shell.outbox.wake();
    Ok(outcome)
}
