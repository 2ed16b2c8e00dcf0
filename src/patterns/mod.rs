//! The one declarative pattern engine: rule packs (YAML files of rules of a small closed set of
//! kinds, in the spirit of Vale), for users' packs named in config `packs:` and for the built-in
//! placeholder catalogue (`rules/placeholders.yaml`). Validated at load with file:line errors.

mod brackets;
mod catalogue;
mod check;
mod pack;
mod search;
mod values;

pub use catalogue::{Catalogue, CatalogueSearch};
pub use check::check;
pub use pack::{load, parse, Pack, PackError, PackRule, Scope};
pub use search::settle;
pub use values::{ValueAt, ValuePlace};

#[cfg(test)]
mod tests;
