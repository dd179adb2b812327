//! The renderer's integration tests, one binary with a module per area: fixture documents with
//! expected HTML fragments, a whole fixture site, the command line, and the real lessons.

mod render {
    pub mod blocks;
    pub mod cli;
    pub mod code;
    pub mod headings;
    pub mod languages;
    pub mod lesson_text;
    pub mod math;
    pub mod real_lessons;
    pub mod site;
    pub mod stills;
    pub mod support;
    pub mod tables;
}
