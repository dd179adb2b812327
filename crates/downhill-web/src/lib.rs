//! Mounts Downhill's demos on the lesson pages.
