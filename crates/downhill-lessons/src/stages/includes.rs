//! `{{#include PATH:REGION}}` inside a fenced code block: the lines of a real source file between
//! `// ANCHOR: REGION` and `// ANCHOR_END: REGION`, so a page always shows the code that runs.
//!
//! The marker lines of other regions inside the included lines are dropped, and the common
//! indentation is removed so a method body reads from the left margin. Without `:REGION` the
//! whole file is included, minus every marker line. A region that appears several times is the
//! concatenation of its parts, as in mdBook.

use std::fs;
use std::path::{Component, Path};

/// A parsed `{{#include ...}}` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncludeDirective<'a> {
    /// From the repository root.
    pub path: &'a str,
    pub region: Option<&'a str>,
}

/// Reads a directive from a line whose trimmed text is exactly `{{#include ...}}`.
pub fn parse_directive(line: &str) -> Option<Result<IncludeDirective<'_>, String>> {
    let inner = line
        .trim()
        .strip_prefix("{{#include")?
        .strip_suffix("}}")?
        .trim();
    if inner.is_empty() {
        return Some(Err(
            "`{{#include}}` needs a path: `{{#include crates/NAME/src/FILE.rs:REGION}}`".into(),
        ));
    }
    let (path, region) = match inner.rsplit_once(':') {
        Some((path, region)) => (path.trim(), Some(region.trim())),
        None => (inner, None),
    };
    if region.is_some_and(|region| region.is_empty() || region.contains(char::is_whitespace)) {
        return Some(Err(format!(
            "`{inner}`: the region after `:` must be one word"
        )));
    }
    Some(Ok(IncludeDirective { path, region }))
}

/// The included text for `directive`, read from the repository at `root`.
pub fn resolve(root: &Path, directive: &IncludeDirective<'_>) -> Result<String, String> {
    let relative = Path::new(directive.path);
    // Includes are for the project's own source: no absolute paths and no climbing out of the root.
    let stays_inside = relative
        .components()
        .all(|component| matches!(component, Component::Normal(_) | Component::CurDir));
    if !stays_inside {
        return Err(format!(
            "`{}`: include paths are relative to the repository root and stay inside it",
            directive.path
        ));
    }
    let source = fs::read_to_string(root.join(relative))
        .map_err(|error| format!("cannot include `{}`: {error}", directive.path))?;
    match directive.region {
        Some(region) => extract_region(&source, region)
            .map_err(|message| format!("`{}`: {message}", directive.path)),
        None => Ok(dedent(&without_marker_lines(source.lines()))),
    }
}

/// If `line` is an anchor comment, its kind and region name.
fn anchor_marker(line: &str) -> Option<(AnchorKind, &str)> {
    let comment = line.trim().strip_prefix("//")?.trim();
    if let Some(name) = comment.strip_prefix("ANCHOR_END:") {
        Some((AnchorKind::End, name.trim()))
    } else {
        comment
            .strip_prefix("ANCHOR:")
            .map(|name| (AnchorKind::Start, name.trim()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AnchorKind {
    Start,
    End,
}

/// The lines of `region` in `source`, joined, with other regions' markers dropped and the common
/// indentation removed.
pub fn extract_region(source: &str, region: &str) -> Result<String, String> {
    let mut collected: Vec<&str> = Vec::new();
    let mut inside = false;
    let mut found = false;
    for line in source.lines() {
        match anchor_marker(line) {
            Some((AnchorKind::Start, name)) if name == region => {
                if inside {
                    return Err(format!("region `{region}` opens again before it is closed"));
                }
                inside = true;
                found = true;
            }
            Some((AnchorKind::End, name)) if name == region => {
                if !inside {
                    return Err(format!(
                        "`ANCHOR_END: {region}` has no matching `ANCHOR: {region}` above it"
                    ));
                }
                inside = false;
            }
            Some(_) => {}
            None if inside => collected.push(line),
            None => {}
        }
    }
    if !found {
        return Err(format!(
            "has no region `{region}` (a line `// ANCHOR: {region}` and a line `// ANCHOR_END: {region}`)"
        ));
    }
    if inside {
        return Err(format!(
            "region `{region}` is never closed by `// ANCHOR_END: {region}`"
        ));
    }
    Ok(dedent(&collected))
}

fn without_marker_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    lines.filter(|line| anchor_marker(line).is_none()).collect()
}

/// Joins `lines`, removing the leading whitespace they all share (blank lines do not count) and
/// blank lines at the start and end.
pub fn dedent(lines: &[&str]) -> String {
    let first = lines.iter().position(|line| !line.trim().is_empty());
    let last = lines.iter().rposition(|line| !line.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let lines = &lines[first..=last];
    let common = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut text = String::new();
    for line in lines {
        // Lines that are blank may be shorter than the common indentation.
        text.push_str(line.get(common..).unwrap_or("").trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "\
fn outer() {
    // ANCHOR: body
    let a = 1;
    // ANCHOR: inner
    let b = 2;
    // ANCHOR_END: inner

    a + b
    // ANCHOR_END: body
}
";

    #[test]
    fn region_drops_other_markers_and_common_indentation() {
        assert_eq!(
            extract_region(SOURCE, "body").unwrap(),
            "let a = 1;\nlet b = 2;\n\na + b\n"
        );
        assert_eq!(extract_region(SOURCE, "inner").unwrap(), "let b = 2;\n");
    }

    #[test]
    fn missing_and_unclosed_regions_are_errors() {
        assert!(
            extract_region(SOURCE, "nothing")
                .unwrap_err()
                .contains("has no region `nothing`")
        );
        let unclosed = "// ANCHOR: open\nlet x = 1;\n";
        assert!(
            extract_region(unclosed, "open")
                .unwrap_err()
                .contains("never closed")
        );
    }

    #[test]
    fn repeated_region_is_concatenated() {
        let source = "// ANCHOR: r\na\n// ANCHOR_END: r\nb\n// ANCHOR: r\nc\n// ANCHOR_END: r\n";
        assert_eq!(extract_region(source, "r").unwrap(), "a\nc\n");
    }

    #[test]
    fn directive_with_and_without_region() {
        assert_eq!(
            parse_directive("{{#include crates/a/src/b.rs:update}}"),
            Some(Ok(IncludeDirective {
                path: "crates/a/src/b.rs",
                region: Some("update")
            }))
        );
        assert_eq!(
            parse_directive("  {{#include crates/a/src/b.rs}}  "),
            Some(Ok(IncludeDirective {
                path: "crates/a/src/b.rs",
                region: None
            }))
        );
        assert_eq!(parse_directive("let x = 1;"), None);
        assert!(matches!(parse_directive("{{#include}}"), Some(Err(_))));
    }

    #[test]
    fn paths_may_not_leave_the_repository() {
        let directive = IncludeDirective {
            path: "../secret.rs",
            region: None,
        };
        assert!(
            resolve(Path::new("."), &directive)
                .unwrap_err()
                .contains("stay inside")
        );
    }
}
