//! The real `lessons/` folder: every lesson renders, every demo, figure, output and code region it
//! names exists, every link inside the site resolves, and no page breaks the content policy.
//!
//! [`downhill_lessons::render_site`] runs all of those checks; this test only has to fail with its
//! list of problems, each at its file and line.

use downhill_lessons::render_site;

use super::support::repository_root;

#[test]
fn the_real_lessons_render_and_pass_every_check() {
    let root = repository_root();
    match render_site(&root) {
        Ok(site) => {
            let pages = &site.pages;
            assert!(pages.iter().any(|page| page.name == "index.html"));
            for page in pages {
                assert!(
                    !page.html.contains(" style=\""),
                    "{}: inline style",
                    page.name
                );
                assert!(
                    !page.html.contains("<style"),
                    "{}: style element",
                    page.name
                );
            }
        }
        Err(errors) => panic!(
            "the lessons in {} do not build:\n{errors}",
            root.join("lessons").display()
        ),
    }
}
