//! The demo kit: what every demo's view is built from, each piece once in the crate. A demo's
//! `view` builds its DOM with [`dom`], draws on a [`chart_canvas`] or [`layers`], wires events with
//! [`listeners`], plays with [`transport`] (over [`animation`]), offers links and exports with
//! [`toolbar`], takes every word it shows from [`strings`], reads the reader's preferences from [`media`] and the time from
//! [`clock`]; [`mount`] mounts every demo on the page (when it comes near the screen: [`mount_near`],
//! [`mount_queue`]).

pub mod animation;
pub mod chart_canvas;
pub mod clock;
pub mod dom;
pub mod layers;
pub mod listeners;
pub mod media;
pub mod mount;
pub mod mount_near;
pub mod mount_queue;
pub mod strings;
pub mod toolbar;
pub mod transport;
