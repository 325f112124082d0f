//! One file per part of the domain; each command is a thin call into `kanak-app`.

pub mod access;
pub mod backup;
pub mod closing;
pub mod customer;
pub mod dashboard;
pub mod document;
pub mod enrollment;
pub mod import;
pub mod message;
pub mod payment;
pub mod plan;
pub mod rate;
pub mod report;
pub mod scheme;
pub mod shop;
pub mod support;
pub mod sync;
pub mod vault;
