//! Coding and its measurement. A [`Codebook`] (TOML data an editor can change) lists the
//! positions of a topic and the cues that signal each in each language; the [`Coder`]
//! finds them in a statement's sentences, with the sentence as evidence; [`eval`] scores
//! a reading against a gold file.

pub mod codebook;
pub mod coder;
pub mod cue;
pub mod eval;
pub mod gold;
pub mod sentence;
pub mod topic;
pub mod voice;

pub use codebook::{Codebook, CodebookError};
pub use coder::{Coder, Coding, Fired};
pub use eval::{evaluate, Report};
pub use gold::{GoldDocument, GoldError, GoldStatement};
pub use topic::TopicFilter;
