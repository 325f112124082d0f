//! Each staff member's dashboard: which widgets show, in what order.
//!
//! The layout is a personal view preference keyed by the actor's login, not a shop setting:
//! anyone logged in may arrange their own home screen, so no permission is checked and the
//! audit trail is not written. A layout saved before a widget existed gets that widget
//! appended (visible) when read, and a widget this version does not know is dropped.

use kanak_domain::FieldError;
use serde::{Deserialize, Serialize};

use crate::{Actor, AppError, Kanak, store};

/// The dashboard's widgets, in their default order.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WidgetKind {
    TodayCollection,
    DueToday,
    Overdue,
    MaturingThisMonth,
    ActiveEnrollments,
    GoldRate,
    CollectionChart,
    RecentPayments,
    Outbox,
    SyncStatus,
}

impl WidgetKind {
    pub const ALL: [WidgetKind; 10] = [
        WidgetKind::TodayCollection,
        WidgetKind::DueToday,
        WidgetKind::Overdue,
        WidgetKind::MaturingThisMonth,
        WidgetKind::ActiveEnrollments,
        WidgetKind::GoldRate,
        WidgetKind::CollectionChart,
        WidgetKind::RecentPayments,
        WidgetKind::Outbox,
        WidgetKind::SyncStatus,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WidgetKind::TodayCollection => "today_collection",
            WidgetKind::DueToday => "due_today",
            WidgetKind::Overdue => "overdue",
            WidgetKind::MaturingThisMonth => "maturing_this_month",
            WidgetKind::ActiveEnrollments => "active_enrollments",
            WidgetKind::GoldRate => "gold_rate",
            WidgetKind::CollectionChart => "collection_chart",
            WidgetKind::RecentPayments => "recent_payments",
            WidgetKind::Outbox => "outbox",
            WidgetKind::SyncStatus => "sync_status",
        }
    }

    fn parse(s: &str) -> Option<WidgetKind> {
        WidgetKind::ALL.into_iter().find(|w| w.as_str() == s.trim())
    }
}

/// One widget's place on a staff member's dashboard.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type, PartialEq, Eq)]
pub struct WidgetPlacement {
    pub widget: WidgetKind,
    pub visible: bool,
}

/// A placement as the UI or CLI sends it: the widget by name, checked on save.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq, Eq)]
pub struct WidgetPlacementInput {
    pub widget: String,
    pub visible: bool,
}

impl Kanak {
    /// The actor's dashboard layout, or the default (every widget, in order) if none is saved.
    pub async fn dashboard_layout(&self, actor: &Actor) -> Result<Vec<WidgetPlacement>, AppError> {
        let login = actor.label();
        let stored = sqlx::query_scalar!(
            "SELECT widgets FROM dashboard_layouts WHERE staff_login = ?1",
            login
        )
        .fetch_optional(&self.pool)
        .await?;
        let saved: Vec<WidgetPlacementInput> = match stored {
            Some(json) => serde_json::from_str(&json).map_err(AppError::corrupt)?,
            None => Vec::new(),
        };
        let mut layout: Vec<WidgetPlacement> = Vec::new();
        for p in saved {
            if let Some(widget) = WidgetKind::parse(&p.widget)
                && !layout.iter().any(|l| l.widget == widget)
            {
                layout.push(WidgetPlacement {
                    widget,
                    visible: p.visible,
                });
            }
        }
        Ok(with_missing_widgets(layout))
    }

    /// Saves the actor's layout, in order. An unknown or repeated widget is refused
    /// (field `widgets`); widgets left out are appended, visible, when the layout is read.
    pub async fn save_dashboard_layout(
        &self,
        actor: &Actor,
        widgets: Vec<WidgetPlacementInput>,
    ) -> Result<Vec<WidgetPlacement>, AppError> {
        let layout = validate(&widgets)?;
        let json = serde_json::to_string(&layout).map_err(AppError::corrupt)?;
        let (login, now) = (actor.label(), self.clock.timestamp());
        let mut tx = store::begin_write(&self.pool).await?;
        sqlx::query!(
            "INSERT INTO dashboard_layouts (staff_login, widgets, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (staff_login) DO UPDATE SET widgets = excluded.widgets, updated_at = excluded.updated_at",
            login,
            json,
            now
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(staff = login, "dashboard layout saved");
        Ok(with_missing_widgets(layout))
    }
}

fn validate(widgets: &[WidgetPlacementInput]) -> Result<Vec<WidgetPlacement>, FieldError> {
    let mut layout: Vec<WidgetPlacement> = Vec::with_capacity(widgets.len());
    for p in widgets {
        let widget = WidgetKind::parse(&p.widget).ok_or_else(|| {
            FieldError::new("widgets", format!("has an unknown widget \"{}\"", p.widget))
        })?;
        if layout.iter().any(|l| l.widget == widget) {
            return Err(FieldError::new(
                "widgets",
                format!("lists the widget {} twice", widget.as_str()),
            ));
        }
        layout.push(WidgetPlacement {
            widget,
            visible: p.visible,
        });
    }
    Ok(layout)
}

/// Appends, visible, every widget the layout does not mention (new in this version).
fn with_missing_widgets(mut layout: Vec<WidgetPlacement>) -> Vec<WidgetPlacement> {
    for widget in WidgetKind::ALL {
        if !layout.iter().any(|l| l.widget == widget) {
            layout.push(WidgetPlacement {
                widget,
                visible: true,
            });
        }
    }
    layout
}
