//! The costshare site. [`model`] holds everything the page computes (tested natively); the
//! Leptos components in `app` only show it and collect input.

pub mod catalog_source;
pub mod charts;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod app;

#[cfg(target_arch = "wasm32")]
pub mod catalog_fetch;

pub mod protocol;

#[cfg(target_arch = "wasm32")]
pub mod sim;

#[cfg(target_arch = "wasm32")]
pub mod storage;
