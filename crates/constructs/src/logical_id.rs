//! Logical IDs: the names CloudFormation tracks resources by.
//!
//! Renaming a logical ID makes CloudFormation delete the old resource and
//! create a new one, so IDs are always spelled out by the caller (never
//! derived from code position or hashes) and checked here once.

use std::fmt;
use std::sync::Arc;

use crate::error::Error;

/// CloudFormation's limit on a logical ID's length.
pub const MAX_LOGICAL_ID_LEN: usize = 255;

/// A validated logical ID: ASCII alphanumeric, 1 to 255 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LogicalId(Arc<str>);

impl LogicalId {
    /// Checks `id` as CloudFormation would, so a bad ID fails at synthesis
    /// with [`Error::InvalidLogicalId`] rather than at deploy.
    pub fn new(id: &str) -> Result<Self, Error> {
        let reason = if id.is_empty() {
            Some("it is empty")
        } else if id.len() > MAX_LOGICAL_ID_LEN {
            Some("it is longer than 255 characters")
        } else if !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Some("only ASCII letters and digits (A-Za-z0-9) are allowed")
        } else {
            None
        };
        match reason {
            Some(reason) => Err(Error::InvalidLogicalId {
                id: id.to_string(),
                reason,
            }),
            None => Ok(LogicalId(id.into())),
        }
    }

    /// The ID as written in the template.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LogicalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_alphanumeric_ids_up_to_255() {
        assert!(LogicalId::new("DataBucket2").is_ok());
        assert!(LogicalId::new(&"A".repeat(255)).is_ok());
    }

    #[test]
    fn rejects_empty_long_and_punctuated_ids() {
        for bad in [
            "",
            "data-bucket",
            "Data_Bucket",
            "Données",
            &"A".repeat(256),
        ] {
            let err = LogicalId::new(bad).unwrap_err();
            assert!(matches!(err, Error::InvalidLogicalId { .. }), "{bad:?}");
        }
        assert_eq!(
            LogicalId::new("a-b").unwrap_err().to_string(),
            "invalid logical ID \"a-b\": only ASCII letters and digits (A-Za-z0-9) are allowed"
        );
    }
}
