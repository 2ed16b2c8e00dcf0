//! seolint: lint Markdown articles and validate the SEO checklist of the template they were
//! written from.

pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod engine;
pub mod fields;
pub mod fix;
pub mod generator;
pub mod input;
pub mod output;
pub mod patterns;
pub mod requirements;
pub mod rules;
pub mod settings;
pub mod site;
pub mod stats;
pub mod suggest;
pub mod suppress;
pub mod template;
pub mod text;

#[cfg(test)]
mod testing;
