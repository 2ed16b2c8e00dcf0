//! Rules on images: alt text, keyword in alt text, missing files.
pub mod image_alt;
pub mod image_alt_keyword;
pub mod image_missing;
