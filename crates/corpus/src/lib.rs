//! Data for tests and benchmarks: the bundled content and the fixtures,
//! read from the repository ([`bundled`]), and a deterministic synthetic
//! archive to run at scale ([`synthetic`]). A development crate: nothing
//! that ships depends on it.

pub mod bundled;
pub mod synthetic;

pub use bundled::{bundled, bundled_content, fixture, read};
pub use synthetic::{Rng, generate};
