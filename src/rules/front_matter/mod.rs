//! Rules on the front matter block.
pub mod required;
pub mod syntax;
pub mod types;
