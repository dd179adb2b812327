//! The `downhill` command-line tool.

fn main() {}
