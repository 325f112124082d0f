//! Customers and their family members: register, edit, search, profile.

use crate::audit::Change;
use crate::sync::tables::{self, LocalKey};
use kanak_domain::Permission;
use kanak_domain::{
    Aadhaar, CodeContext, CustomerCode, Email, FieldError, Mobile, Money, Pan, PersonName, PinCode,
};
use kanak_sync::EventKind;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::enrollment::EnrollmentView;
use crate::payment::PaymentView;
use crate::{Actor, AppError, Kanak, sequence, store};

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct CustomerInput {
    pub name: String,
    pub phone: String,
    pub pan: Option<String>,
    pub aadhaar: Option<String>,
    pub dob: Option<String>,
    pub address: Option<String>,
    pub pin_code: Option<String>,
    pub email: Option<String>,
    /// The main contact's code when registering a family member.
    pub family_of: Option<String>,
    pub relation: Option<String>,
}

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct CustomerEdit {
    /// A new code (e.g. the shop's old format); None keeps the current one.
    pub code: Option<String>,
    pub name: String,
    pub phone: String,
    pub pan: Option<String>,
    pub aadhaar: Option<String>,
    pub dob: Option<String>,
    pub address: Option<String>,
    pub pin_code: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct CustomerView {
    pub code: String,
    pub name: String,
    pub phone: String,
    pub pan: Option<String>,
    /// Only the last 4 digits of Aadhaar are ever stored.
    pub aadhaar_last4: Option<String>,
    pub dob: Option<String>,
    pub address: Option<String>,
    pub pin_code: Option<String>,
    pub email: Option<String>,
    pub family_of: Option<String>,
    pub relation: Option<String>,
    pub created_at: String,
    /// The day a Form 60 was declared (the customer has no PAN), if one is on record.
    pub form60_declared_on: Option<String>,
}

impl CustomerView {
    /// For the audit trail: the PAN shows only its last 4 characters.
    fn masked(self) -> CustomerView {
        let pan = self
            .pan
            .as_deref()
            .map(|p| format!("******{}", &p[p.len().saturating_sub(4)..]));
        CustomerView { pan, ..self }
    }
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct CustomerSummary {
    pub code: String,
    pub name: String,
    pub phone: String,
    pub family_of: Option<String>,
    pub active_enrollments: u32,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CustomerProfile {
    pub customer: CustomerView,
    pub family: Vec<CustomerSummary>,
    pub enrollments: Vec<EnrollmentView>,
    pub payments: Vec<PaymentView>,
    pub outstanding: String,
}

/// The validated personal details shared by registration and edit.
pub(crate) struct Details {
    pub name: PersonName,
    pub phone: Mobile,
    pub pan: Option<Pan>,
    pub aadhaar: Option<Aadhaar>,
    pub dob: Option<chrono::NaiveDate>,
    pub address: Option<String>,
    pub pin_code: Option<PinCode>,
    pub email: Option<Email>,
}

/// Empty optional inputs count as "not given".
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

#[allow(clippy::too_many_arguments)]
fn parse_details(
    name: &str,
    phone: &str,
    pan: &Option<String>,
    aadhaar: &Option<String>,
    dob: &Option<String>,
    address: &Option<String>,
    pin_code: &Option<String>,
    email: &Option<String>,
    today: chrono::NaiveDate,
) -> Result<Details, FieldError> {
    let dob = given(dob)
        .map(|d| kanak_domain::parse_date("dob", d))
        .transpose()?;
    if dob.is_some_and(|d| d > today) {
        return Err(FieldError::new("dob", "cannot be in the future"));
    }
    let address = given(address).map(str::to_string);
    if address.as_ref().is_some_and(|a| a.chars().count() > 400) {
        return Err(FieldError::new("address", "must be at most 400 characters"));
    }
    Ok(Details {
        name: PersonName::parse("name", name)?,
        phone: Mobile::parse(phone)?,
        pan: given(pan).map(Pan::parse).transpose()?,
        aadhaar: given(aadhaar).map(Aadhaar::parse).transpose()?,
        dob,
        address,
        pin_code: given(pin_code).map(PinCode::parse).transpose()?,
        email: given(email).map(Email::parse).transpose()?,
    })
}

impl CustomerInput {
    pub(crate) fn details(&self, today: chrono::NaiveDate) -> Result<Details, FieldError> {
        parse_details(
            &self.name,
            &self.phone,
            &self.pan,
            &self.aadhaar,
            &self.dob,
            &self.address,
            &self.pin_code,
            &self.email,
            today,
        )
    }
}

impl CustomerEdit {
    fn details(&self, today: chrono::NaiveDate) -> Result<Details, FieldError> {
        parse_details(
            &self.name,
            &self.phone,
            &self.pan,
            &self.aadhaar,
            &self.dob,
            &self.address,
            &self.pin_code,
            &self.email,
            today,
        )
    }
}

impl Kanak {
    pub async fn add_customer(
        &self,
        actor: &Actor,
        input: CustomerInput,
    ) -> Result<CustomerView, AppError> {
        actor.require(Permission::Customers)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let code = self.insert_customer(&mut tx, actor, &input).await?;
        tx.commit().await?;
        self.customer(&code).await
    }

    /// Registers a customer inside the caller's transaction and returns the new code.
    pub(crate) async fn insert_customer(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        input: &CustomerInput,
    ) -> Result<String, AppError> {
        let d = input.details(self.clock.today())?;
        let (family_of, relation) = family_link(conn, input).await?;
        let code = self.next_customer_code(conn).await?;
        let now = self.clock.timestamp();
        let (name, phone, by) = (d.name.as_str(), d.phone.as_str(), actor.label());
        let pan = d.pan.as_ref().map(|p| p.as_str().to_string());
        let aadhaar = d.aadhaar.as_ref().map(|a| a.last4().to_string());
        let dob = d.dob.map(|d| d.to_string());
        let pin_code = d.pin_code.as_ref().map(|p| p.as_str().to_string());
        let email = d.email.as_ref().map(|e| e.as_str().to_string());
        let stored = sqlx::query!(
            "INSERT INTO customers (code, name, phone, pan, aadhaar_last4, dob, address, pin_code, email,
                                    family_of, relation, created_at, created_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12)",
            code, name, phone, pan, aadhaar, dob, d.address, pin_code, email, family_of, relation, now, by
        )
        .execute(&mut *conn)
        .await?;
        let kind = match family_of {
            Some(_) => EventKind::FamilyMemberUpserted,
            None => EventKind::CustomerUpserted,
        };
        let key = LocalKey::Int(stored.last_insert_rowid());
        self.sync_record(conn, kind, &tables::CUSTOMERS, key)
            .await?;
        self.audit(
            conn,
            actor,
            Change::new("customer.add", format!("registered {name}")).customer(&code),
        )
        .await?;
        tracing::info!(code, "customer registered");
        Ok(code)
    }

    /// Renders the shop's pattern with the next number, skipping numbers whose code was
    /// already taken (an edited code may have claimed it).
    async fn next_customer_code(&self, conn: &mut SqliteConnection) -> Result<String, AppError> {
        let shop = self.shop(conn).await?;
        loop {
            let seq = sequence::next(conn, "customer").await?;
            let code = shop.code_pattern.render(&CodeContext {
                branch: &shop.branch_code,
                counter: &shop.counter_code,
                date: self.clock.today(),
                seq: seq as u64,
            });
            let code = code.as_str().to_string();
            let taken = sqlx::query_scalar!("SELECT COUNT(*) FROM customers WHERE code = ?1", code)
                .fetch_one(&mut *conn)
                .await?;
            if taken == 0 {
                return Ok(code);
            }
        }
    }

    pub async fn edit_customer(
        &self,
        actor: &Actor,
        code: &str,
        input: CustomerEdit,
    ) -> Result<CustomerView, AppError> {
        actor.require(Permission::Customers)?;
        let before = self.customer(code).await?.masked();
        let d = input.details(self.clock.today())?;
        let new_code = given(&input.code).map(CustomerCode::parse).transpose()?;
        let mut tx = store::begin_write(&self.pool).await?;
        let id = customer_id(&mut tx, code).await?;
        let new_code = new_code
            .map(|c| c.as_str().to_string())
            .unwrap_or_else(|| code.to_string());
        let clash = sqlx::query_scalar!(
            "SELECT COUNT(*) FROM customers WHERE code = ?1 AND id <> ?2",
            new_code,
            id
        )
        .fetch_one(&mut *tx)
        .await?;
        if clash > 0 {
            return Err(AppError::Conflict {
                message: format!("code {new_code} is already used by another customer"),
                field: Some("code"),
            });
        }
        let now = self.clock.timestamp();
        let (name, phone) = (d.name.as_str(), d.phone.as_str());
        let pan = d.pan.as_ref().map(|p| p.as_str().to_string());
        let aadhaar = d.aadhaar.as_ref().map(|a| a.last4().to_string());
        let dob = d.dob.map(|d| d.to_string());
        let pin_code = d.pin_code.as_ref().map(|p| p.as_str().to_string());
        let email = d.email.as_ref().map(|e| e.as_str().to_string());
        sqlx::query!(
            "UPDATE customers SET code = ?1, name = ?2, phone = ?3, pan = ?4, aadhaar_last4 = COALESCE(?5, aadhaar_last4),
                    dob = ?6, address = ?7, pin_code = ?8, email = ?9, updated_at = ?10 WHERE id = ?11",
            new_code, name, phone, pan, aadhaar, dob, d.address, pin_code, email, now, id
        )
        .execute(&mut *tx)
        .await?;
        self.sync_record(
            &mut tx,
            EventKind::CustomerUpserted,
            &tables::CUSTOMERS,
            LocalKey::Int(id),
        )
        .await?;
        let after = CustomerView {
            code: new_code.clone(),
            name: name.into(),
            phone: phone.into(),
            pan,
            dob,
            pin_code,
            email,
            address: d.address.clone(),
            ..before.clone()
        }
        .masked();
        let change = Change::new("customer.edit", format!("edited {name}"))
            .customer(&new_code)
            .edit(&before, &after);
        self.audit(&mut tx, actor, change).await?;
        tx.commit().await?;
        tracing::info!(code = new_code, by = actor.label(), "customer edited");
        self.customer(&new_code).await
    }

    pub async fn customer(&self, code: &str) -> Result<CustomerView, AppError> {
        let code = code.trim().to_ascii_uppercase();
        sqlx::query_as!(
            CustomerView,
            r#"SELECT c.code, c.name, c.phone, c.pan, c.aadhaar_last4, c.dob, c.address, c.pin_code, c.email,
                      m.code AS "family_of?: String", c.relation, c.created_at, c.form60_declared_on
               FROM customers c LEFT JOIN customers m ON m.id = c.family_of WHERE c.code = ?1"#,
            code
        )
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| AppError::not_found("customer", code, "customer_code"))
    }

    /// Search by name, phone fragment or code. Three or more characters use the trigram
    /// index (instant on 100k customers); shorter text matches prefixes.
    pub async fn search_customers(
        &self,
        query: &str,
        limit: u32,
    ) -> Result<Vec<CustomerSummary>, AppError> {
        let query = query.trim();
        let limit = i64::from(limit.clamp(1, 200));
        let rows = if query.is_empty() {
            sqlx::query_as!(
                CustomerSummary,
                r#"SELECT c.code, c.name, c.phone, m.code AS "family_of?: String",
                          (SELECT COUNT(*) FROM enrollments e WHERE e.customer_id = c.id AND e.status = 'active') AS "active_enrollments!: u32"
                   FROM customers c LEFT JOIN customers m ON m.id = c.family_of ORDER BY c.id DESC LIMIT ?1"#,
                limit
            )
            .fetch_all(&self.pool)
            .await?
        } else if query.chars().count() >= 3 {
            let phrase = format!("\"{}\"", query.replace('"', "\"\""));
            sqlx::query_as!(
                CustomerSummary,
                r#"SELECT c.code AS "code!", c.name AS "name!", c.phone AS "phone!", m.code AS "family_of?: String",
                          (SELECT COUNT(*) FROM enrollments e WHERE e.customer_id = c.id AND e.status = 'active') AS "active_enrollments!: u32"
                   FROM customers_fts f JOIN customers c ON c.id = f.rowid LEFT JOIN customers m ON m.id = c.family_of
                   WHERE customers_fts MATCH ?1 ORDER BY f.rank LIMIT ?2"#,
                phrase, limit
            )
            .fetch_all(&self.pool)
            .await?
        } else {
            sqlx::query_as!(
                CustomerSummary,
                r#"SELECT c.code, c.name, c.phone, m.code AS "family_of?: String",
                          (SELECT COUNT(*) FROM enrollments e WHERE e.customer_id = c.id AND e.status = 'active') AS "active_enrollments!: u32"
                   FROM customers c LEFT JOIN customers m ON m.id = c.family_of
                   WHERE c.name LIKE ?1 || '%' OR c.phone LIKE ?1 || '%' OR c.code LIKE ?1 || '%'
                   ORDER BY c.name LIMIT ?2"#,
                query, limit
            )
            .fetch_all(&self.pool)
            .await?
        };
        Ok(rows)
    }

    /// Everything the counter needs about one customer: plans, dues, payments, outstanding.
    pub async fn customer_profile(&self, code: &str) -> Result<CustomerProfile, AppError> {
        let customer = self.customer(code).await?;
        let main_code = customer
            .family_of
            .clone()
            .unwrap_or_else(|| customer.code.clone());
        let family = sqlx::query_as!(
            CustomerSummary,
            r#"SELECT c.code, c.name, c.phone, m.code AS "family_of?: String",
                      (SELECT COUNT(*) FROM enrollments e WHERE e.customer_id = c.id AND e.status = 'active') AS "active_enrollments!: u32"
               FROM customers c LEFT JOIN customers m ON m.id = c.family_of
               WHERE (m.code = ?1 OR c.code = ?1) AND c.code <> ?2 ORDER BY c.id"#,
            main_code, customer.code
        )
        .fetch_all(&self.pool)
        .await?;
        let enrollments = self.enrollments_of_customer(&customer.code).await?;
        let payments = self.payments_of_customer(&customer.code).await?;
        let outstanding = enrollments
            .iter()
            .map(|e| Money::parse("outstanding", &e.outstanding).map_err(AppError::corrupt))
            .sum::<Result<Money, AppError>>()?;
        Ok(CustomerProfile {
            customer,
            family,
            enrollments,
            payments,
            outstanding: outstanding.to_plain(),
        })
    }
}

/// Resolves "family member of CODE": the main contact must exist and be a main contact itself,
/// so the family stays one level deep and the point of contact is unambiguous.
async fn family_link(
    conn: &mut SqliteConnection,
    input: &CustomerInput,
) -> Result<(Option<i64>, Option<String>), AppError> {
    let Some(main) = given(&input.family_of) else {
        return Ok((None, None));
    };
    let relation = given(&input.relation).ok_or_else(|| {
        FieldError::new(
            "relation",
            "is required for a family member (e.g. wife, son)",
        )
    })?;
    let main = main.to_ascii_uppercase();
    let row = sqlx::query!(
        r#"SELECT id AS "id!", family_of FROM customers WHERE code = ?1"#,
        main
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::not_found("customer", main.clone(), "family_of"))?;
    if row.family_of.is_some() {
        return Err(FieldError::new(
            "family_of",
            format!("{main} is itself a family member; link to their main contact"),
        )
        .into());
    }
    Ok((Some(row.id), Some(relation.to_string())))
}

pub(crate) async fn customer_id(conn: &mut SqliteConnection, code: &str) -> Result<i64, AppError> {
    let code = code.trim().to_ascii_uppercase();
    sqlx::query_scalar!(r#"SELECT id AS "id!" FROM customers WHERE code = ?1"#, code)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| AppError::not_found("customer", code, "customer_code"))
}
