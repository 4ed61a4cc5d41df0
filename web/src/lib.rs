//! The costshare site. [`model`], [`verdict`], [`cards`] and [`charts`] hold everything the page
//! computes (tested natively); `app` (state, catalog, saving) and the components in `ui` only
//! show it and collect input.

pub mod cards;
pub mod catalog_source;
pub mod charts;
pub mod embed;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod app;

#[cfg(target_arch = "wasm32")]
pub mod catalog_fetch;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod widget;

#[cfg(target_arch = "wasm32")]
pub mod frame;

pub mod protocol;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
pub mod print;

#[cfg(target_arch = "wasm32")]
pub mod sim;

#[cfg(target_arch = "wasm32")]
pub mod storage;
