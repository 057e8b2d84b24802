//! piitrace as a library: the pipeline behind the `piitrace` binary.
//!
//! discover (`workspace`) → parse per language (`frontend`) → one language-neutral
//! IR (`ir`) → analyses (`analysis`) → findings (`rules`, `findings`) → output
//! formats (`output`). See ARCHITECTURE.md.

pub mod analysis;
pub mod baseline;
pub mod batch;
pub mod cache;
pub mod config;
pub mod declaration;
pub mod diffbase;
pub mod findings;
pub mod frontend;
pub mod init;
pub mod inventory;
pub mod ir;
pub mod knowledge;
pub mod lsp;
pub mod output;
pub mod rules;
pub mod scan;
pub mod suppress;
pub mod workspace;
