//! The shop's logo, printed on passbooks, receipts and closure statements. Stored as the
//! PNG the owner chose, after checking that it decodes, so printing never meets a bad image.

use std::io::Read;
use std::path::Path;

use kanak_documents::Logo;
use kanak_domain::{FieldError, Permission};

use crate::audit::Change;
use crate::{Actor, AppError, Kanak, store};

/// A logo file larger than this is refused: it would be embedded in every exported ledger.
const MAX_BYTES: usize = 1024 * 1024;

/// Reads a logo file the staff picked, for `set_shop_logo`. Reads one byte past the limit at
/// most, so a huge file picked by mistake is refused by size without being loaded whole.
pub fn read_logo_file(path: &Path) -> Result<Vec<u8>, AppError> {
    let unreadable =
        |e: std::io::Error| FieldError::new("logo", format!("cannot read {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut png = Vec::new();
    file.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut png)
        .map_err(unreadable)?;
    Ok(png)
}

impl Kanak {
    /// Sets the logo from PNG bytes, or removes it with `None`.
    pub async fn set_shop_logo(&self, actor: &Actor, png: Option<Vec<u8>>) -> Result<(), AppError> {
        actor.require(Permission::Settings)?;
        if let Some(bytes) = &png {
            if bytes.len() > MAX_BYTES {
                return Err(FieldError::new("logo", "must be a PNG of at most 1 MB").into());
            }
            Logo::from_png(bytes).map_err(|e| FieldError::new("logo", e.to_string()))?;
        }
        let mut tx = store::begin_write(&self.pool).await?;
        let updated = sqlx::query!("UPDATE shop SET logo_png = ?1 WHERE id = 1", png)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(AppError::NotSetUp);
        }
        let what = match &png {
            Some(bytes) => format!("shop logo set ({} bytes)", bytes.len()),
            None => "shop logo removed".to_string(),
        };
        self.audit(&mut tx, actor, Change::new("settings.logo", what))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The logo as documents print it, if the shop has one.
    pub async fn shop_logo(&self) -> Result<Option<Logo>, AppError> {
        let png = sqlx::query_scalar!("SELECT logo_png FROM shop WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?
            .flatten();
        // It decoded when it was stored; failing now means the row was changed behind our back.
        png.map(|bytes| {
            Logo::from_png(&bytes).map_err(|e| AppError::corrupt(format!("shop logo: {e}")))
        })
        .transpose()
    }
}
