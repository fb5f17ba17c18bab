//! Coding and its measurement. [`gold`] reads the expected reading of documents (the
//! format of `seeds-gold.jsonl`); [`eval`] scores what the pipeline read against it:
//! segmentation, attribution and positions.

pub mod eval;
pub mod gold;

pub use eval::{evaluate, Report};
pub use gold::{GoldDocument, GoldError, GoldStatement};
