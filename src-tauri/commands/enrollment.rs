use kanak_app::{
    CounterEnrollInput, CounterEnrollResult, EnrollInput, EnrollmentDetail, EnrollmentView,
    IpcError,
};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn enroll(
    shell: State<'_, Shell>,
    input: EnrollInput,
) -> Result<EnrollmentView, IpcError> {
    Ok(shell.kanak.enroll(&shell.actor().await?, input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn counter_enroll(
    shell: State<'_, Shell>,
    input: CounterEnrollInput,
) -> Result<CounterEnrollResult, IpcError> {
    Ok(shell
        .kanak
        .counter_enroll(&shell.actor().await?, input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn enrollment_detail(
    shell: State<'_, Shell>,
    enrollment_no: String,
) -> Result<EnrollmentDetail, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.enrollment_detail(&enrollment_no).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_enrollments(
    shell: State<'_, Shell>,
    overdue_only: bool,
) -> Result<Vec<EnrollmentView>, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.list_enrollments(overdue_only).await?)
}
