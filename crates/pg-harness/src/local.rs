//! A server of our own: `initdb` into a temp dir, `pg_ctl start` on a unix socket there.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::HarnessError;

/// The socket's port number only names the socket file (`.s.PGSQL.5432`); no TCP port is opened.
const PORT: u16 = 5432;

#[derive(Debug)]
pub(crate) struct LocalServer {
    dir: tempfile::TempDir,
    bin: PathBuf,
    as_postgres: bool,
}

impl LocalServer {
    pub(crate) fn start() -> Result<LocalServer, HarnessError> {
        let bin = binaries()?;
        // The socket path must stay under ~107 bytes, so the dir is short and in /tmp.
        let dir = tempfile::Builder::new().prefix("kanak-pg-").tempdir_in("/tmp")?;
        let as_postgres = running_as_root()?;
        if as_postgres {
            let (uid, gid) = postgres_user()?;
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))?;
        }
        let server = LocalServer { dir, bin, as_postgres };
        server.initdb()?;
        server.pg_ctl_start()?;
        Ok(server)
    }

    pub(crate) fn url(&self) -> String {
        format!("postgres://postgres@localhost:{PORT}/postgres?host={}", self.dir.path().display())
    }

    pub(crate) fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn initdb(&self) -> Result<(), HarnessError> {
        let data = self.data_dir();
        let args = [
            "-D", path_str(&data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
            "--no-locale", "--no-sync", "--no-instructions",
        ];
        self.run("initdb", &args)
    }

    fn pg_ctl_start(&self) -> Result<(), HarnessError> {
        let data = self.data_dir();
        let log = self.dir.path().join("server.log");
        // Durability is pointless for a throwaway server; a small buffer pool lets several run at once.
        let options = format!(
            "-k {} -p {PORT} -c listen_addresses='' -F -c synchronous_commit=off \
             -c full_page_writes=off -c shared_buffers=16MB -c max_connections=60",
            self.dir.path().display()
        );
        let args = ["-D", path_str(&data), "-l", path_str(&log), "-o", &options, "-w", "-t", "30", "start"];
        self.run("pg_ctl", &args).map_err(|e| match e {
            HarnessError::Command { what, output } => {
                let log_text = std::fs::read_to_string(&log).unwrap_or_default();
                HarnessError::Command { what, output: format!("{output}\n{log_text}") }
            }
            other => other,
        })
    }

    fn run(&self, program: &str, args: &[&str]) -> Result<(), HarnessError> {
        let exe = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        let output = command.args(args).current_dir(self.dir.path()).output()?;
        if output.status.success() {
            return Ok(());
        }
        Err(HarnessError::Command {
            what: format!("{program} {}", args.join(" ")),
            output: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        })
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        let data = self.data_dir();
        // Immediate: nothing in a test database is worth a clean shutdown's checkpoint.
        let _ = self.run("pg_ctl", &["-D", path_str(&data), "-m", "immediate", "-w", "stop"]);
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

/// The newest `/usr/lib/postgresql/<version>/bin` that has initdb and pg_ctl.
fn binaries() -> Result<PathBuf, HarnessError> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| HarnessError::NoBinaries)?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            (bin.join("initdb").exists() && bin.join("pg_ctl").exists()).then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).ok_or(HarnessError::NoBinaries)
}

fn running_as_root() -> Result<bool, HarnessError> {
    // /proc/self belongs to the process's effective user.
    Ok(std::fs::metadata("/proc/self")?.uid() == 0)
}

fn postgres_user() -> Result<(u32, u32), HarnessError> {
    let passwd = std::fs::read_to_string("/etc/passwd")?;
    passwd
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|fields| fields.first() == Some(&"postgres") && fields.len() > 3)
        .and_then(|fields| Some((fields[2].parse().ok()?, fields[3].parse().ok()?)))
        .ok_or_else(|| HarnessError::Command {
            what: "finding the postgres user".into(),
            output: "running as root needs a `postgres` user (the postgresql package creates it)".into(),
        })
}
