//! Downhill's automation.

fn main() {}
