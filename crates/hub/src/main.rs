//! `kanak-hub`: run the sync hub, and manage the devices allowed to sync with it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kanak_hub::Hub;
use uuid::Uuid;

#[derive(Parser)]
#[command(name = "kanak-hub", version, about = "Kanak's sync hub for a shop's counters")]
struct Cli {
    /// The hub's PostgreSQL database.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sync API.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8750")]
        listen: SocketAddr,
        /// PEM certificate chain; with --tls-key, the hub speaks HTTPS.
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
    },
    /// Manage the devices (counters) allowed to sync.
    Device {
        #[command(subcommand)]
        command: DeviceCommand,
    },
}

#[derive(Subcommand)]
enum DeviceCommand {
    /// Register a counter and print its one-time enrollment token.
    Add {
        #[arg(long)]
        branch: String,
        #[arg(long)]
        name: String,
    },
    /// List devices, their counter codes and sync positions.
    List,
    /// Stop a device's syncs.
    Revoke { device_id: Uuid },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KANAK_LOG").unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("kanak-hub: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let url = cli.database_url.ok_or("--database-url (or DATABASE_URL) is required")?;
    let hub = Hub::connect(&url).await.map_err(|e| e.to_string())?;
    match cli.command {
        Command::Serve { listen, tls_cert, tls_key } => serve(hub, listen, tls_cert.zip(tls_key)).await,
        Command::Device { command } => device(hub, command).await.map_err(|e| e.to_string()),
    }
}

async fn serve(hub: Hub, listen: SocketAddr, tls: Option<(PathBuf, PathBuf)>) -> Result<(), String> {
    match tls {
        Some((cert, key)) => {
            let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert, &key)
                .await
                .map_err(|e| format!("TLS certificate or key: {e}"))?;
            tracing::info!(%listen, "kanak-hub listening (HTTPS)");
            axum_server::bind_rustls(listen, config)
                .serve(kanak_hub::router(hub).into_make_service())
                .await
                .map_err(|e| e.to_string())
        }
        None => {
            let listener = tokio::net::TcpListener::bind(listen).await.map_err(|e| format!("{listen}: {e}"))?;
            tracing::warn!(
                %listen,
                "kanak-hub listening on plain HTTP: only for a shop's LAN or behind a TLS proxy \
                 (give --tls-cert and --tls-key otherwise)"
            );
            kanak_hub::serve(listener, hub).await.map_err(|e| e.to_string())
        }
    }
}

async fn device(hub: Hub, command: DeviceCommand) -> Result<(), kanak_hub::HubFailure> {
    match command {
        DeviceCommand::Add { branch, name } => {
            let token = hub.add_device(&branch, &name).await?;
            let added = hub.devices().await?.pop().map(|d| d.counter_code).unwrap_or_default();
            println!("{token}");
            eprintln!(
                "Device {name:?} ({added}) added for branch {branch}. Enter this one-time token on the counter \
                 (Settings → Sync) within 7 days; it is not shown again."
            );
        }
        DeviceCommand::List => {
            println!("{:<36}  {:<5}  {:<10}  {:<20}  {:<10}  {:>8}  {:>8}", "DEVICE", "CODE", "BRANCH", "NAME", "STATE", "PUSHED", "PULLED");
            for d in hub.devices().await? {
                let state = match (&d.revoked_at, &d.enrolled_at) {
                    (Some(_), _) => "revoked",
                    (None, Some(_)) => "enrolled",
                    (None, None) => "waiting",
                };
                println!(
                    "{:<36}  {:<5}  {:<10}  {:<20}  {:<10}  {:>8}  {:>8}",
                    d.device_id, d.counter_code, d.branch, d.name, state, d.high_water, d.pull_cursor
                );
            }
        }
        DeviceCommand::Revoke { device_id } => {
            hub.revoke_device(device_id).await?;
            println!("Device {device_id} revoked: its syncs are refused from now on.");
        }
    }
    Ok(())
}
