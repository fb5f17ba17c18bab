//! Who decides what is published: every statement is pending, published or rejected.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A statement's editorial status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Waiting for an editor.
    Pending,
    /// On the public site.
    #[default]
    Published,
    /// Kept, but never shown publicly.
    Rejected,
}

impl Status {
    /// The name stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Published => "published",
            Status::Rejected => "rejected",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pending" => Ok(Status::Pending),
            "published" => Ok(Status::Published),
            "rejected" => Ok(Status::Rejected),
            other => Err(format!("unknown status `{other}` (pending, published, rejected)")),
        }
    }
}
