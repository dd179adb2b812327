//! Build-time entry point of the lesson renderer.

fn main() {}
