//! A site in two languages: the fixture site with a small Russian translation written here into a
//! copy of it, and the build's answers when the translation falls out of step.

use std::fs;
use std::path::{Path, PathBuf};

use downhill_lessons::render_site;
use downhill_lessons::validate::Page;

use super::support::{assert_contains, good_site, repository_root};

/// A copy of the good fixture site with a Russian translation, in a folder of its own.
fn bilingual_site(test_name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!(
        "downhill-languages-{}-{test_name}",
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&root);
    copy_folder(&good_site(), &root);
    fs::write(
        root.join("lessons/languages.toml"),
        "[[language]]\ncode = \"ru\"\nname = \"Русский\"\nhtml_lang = \"ru\"\n",
    )
    .unwrap();
    let russian = root.join("lessons/ru");
    fs::create_dir_all(&russian).unwrap();
    fs::copy(
        repository_root().join("lessons/ru/site.toml"),
        russian.join("site.toml"),
    )
    .unwrap();
    let first = fs::read_to_string(root.join("lessons/01-first-steps.md"))
        .unwrap()
        .replace("title = \"First steps\"", "title = \"Первые шаги\"")
        .replace("## Math\n", "## Математика {#math}\n")
        .replace("## Code\n", "## Код {#code}\n")
        .replace("### A subsection\n", "### Подраздел {#a-subsection}\n")
        .replace(
            "## Demo and figure\n",
            "## Демонстрация и рисунок {#demo-and-figure}\n",
        )
        .replacen("## Links\n", "## Ссылки {#links}\n", 1)
        .replacen("## Links\n", "## Ссылки {#links-1}\n", 1)
        .replace("Drag the step size", "Двигайте шаг");
    fs::write(russian.join("01-first-steps.md"), first).unwrap();
    let second = fs::read_to_string(root.join("lessons/02-second-page.md"))
        .unwrap()
        .replace("title = \"Second page\"", "title = \"Вторая страница\"")
        .replace("## Details {#details}", "## Подробности {#details}");
    fs::write(russian.join("02-second-page.md"), second).unwrap();
    fs::write(
        russian.join("GLOSSARY.md"),
        "# Словарь\n\nградиент: gradient\n",
    )
    .unwrap();
    root
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn page<'p>(pages: &'p [Page], name: &str) -> &'p str {
    &pages
        .iter()
        .find(|page| page.name == name)
        .unwrap_or_else(|| panic!("no page {name}"))
        .html
}

/// The build's error lines for a site that must not render.
fn errors_of(root: &Path) -> String {
    match render_site(root) {
        Ok(_) => panic!("the site rendered, but it should not have"),
        Err(errors) => errors.to_string(),
    }
}

#[test]
fn each_language_gets_its_folder_and_english_stays_at_the_root() {
    let root = bilingual_site("folders");
    let pages = render_site(&root)
        .unwrap_or_else(|errors| panic!("{errors}"))
        .pages;
    let names: Vec<&str> = pages.iter().map(|page| page.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "index.html",
            "first-steps.html",
            "second-page.html",
            "ru/index.html",
            "ru/first-steps.html",
            "ru/second-page.html"
        ]
    );
    let _ = fs::remove_dir_all(root);
}

#[test]
fn a_translated_page_speaks_its_language_and_reaches_the_shared_files() {
    let root = bilingual_site("frame");
    let pages = render_site(&root).unwrap().pages;
    let html = page(&pages, "ru/first-steps.html");
    for fragment in [
        "<html lang=\"ru\">",
        "<title>Первые шаги · Downhill</title>",
        "<link rel=\"stylesheet\" href=\"../site.css\">",
        "<link rel=\"icon\" href=\"../favicon.svg\"",
        "<script type=\"module\" src=\"../boot.js\"></script>",
        "<a class=\"skip-link\" href=\"#content\">Перейти к основному тексту</a>",
        "<p class=\"lesson-number\">Урок 1</p>",
        ">На этой странице</p>",
        "<nav class=\"pager\" aria-label=\"Предыдущий и следующий уроки\">",
        "<span class=\"pager-label\">Далее</span>",
        "aria-label=\"Ссылка на раздел «Математика»\"",
        "aria-label=\"Листинг кода: loop_body (sample.rs)\"",
        "Источники: конспект cs231n по оптимизации (русский и китайский переводы).",
        "<meta name=\"downhill-demo-failed\" content=\"Эта демонстрация",
        // The still is the English page's file, one folder up.
        "src=\"../stills/still-saddle-race-",
        // Links between lessons stay inside the language.
        "href=\"second-page.html#details\"",
    ] {
        assert_contains(html, fragment);
    }
    assert!(
        !html.contains("Skip to content"),
        "English frame words on a Russian page"
    );
    let english = page(&pages, "first-steps.html");
    assert_contains(english, "<html lang=\"en\">");
    assert_contains(english, "<link rel=\"stylesheet\" href=\"site.css\">");
    assert_contains(english, "src=\"stills/still-saddle-race-");
    let _ = fs::remove_dir_all(root);
}

#[test]
fn every_page_names_its_other_languages_and_switches_to_them() {
    let root = bilingual_site("alternates");
    let pages = render_site(&root).unwrap().pages;
    let english = page(&pages, "second-page.html");
    assert_contains(
        english,
        "<link rel=\"alternate\" hreflang=\"en\" href=\"second-page.html\">",
    );
    assert_contains(
        english,
        "<link rel=\"alternate\" hreflang=\"ru\" href=\"ru/second-page.html\">",
    );
    assert_contains(
        english,
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"second-page.html\">",
    );
    assert_contains(
        english,
        "<nav class=\"language-switcher\" aria-label=\"Language\">",
    );
    assert_contains(
        english,
        "href=\"ru/second-page.html\" hreflang=\"ru\" lang=\"ru\">Русский</a>",
    );
    let russian = page(&pages, "ru/index.html");
    assert_contains(
        russian,
        "<link rel=\"alternate\" hreflang=\"en\" href=\"../index.html\">",
    );
    assert_contains(
        russian,
        "<nav class=\"language-switcher\" aria-label=\"Язык\">",
    );
    assert_contains(
        russian,
        "<a aria-current=\"page\" lang=\"ru\" href=\"index.html\">Русский</a>",
    );
    assert_contains(russian, "<h1>Учимся спускаться по склону</h1>");
    assert_contains(russian, "<a href=\"first-steps.html\">Первые шаги</a>");
    let _ = fs::remove_dir_all(root);
}

#[test]
fn a_missing_lesson_or_a_dropped_demo_stops_the_build_naming_the_file() {
    let root = bilingual_site("parity");
    fs::remove_file(root.join("lessons/ru/02-second-page.md")).unwrap();
    let first = root.join("lessons/ru/01-first-steps.md");
    let text = fs::read_to_string(&first).unwrap();
    fs::write(&first, text.replace("```figure", "```text")).unwrap();
    let errors = errors_of(&root);
    assert!(
        errors.contains(
            "lessons/ru/02-second-page.md: missing: lessons/02-second-page.md has no translation"
        ),
        "{errors}"
    );
    assert!(
        errors
            .contains("lessons/ru/01-first-steps.md: its figures differ from the English lesson's"),
        "{errors}"
    );
    let _ = fs::remove_dir_all(root);
}

#[test]
fn a_renamed_heading_id_breaks_the_english_anchor_and_is_refused() {
    let root = bilingual_site("anchors");
    let second = root.join("lessons/ru/02-second-page.md");
    let text = fs::read_to_string(&second).unwrap();
    fs::write(&second, text.replace("{#details}", "")).unwrap();
    let errors = errors_of(&root);
    assert!(
        errors.contains("lessons/ru/02-second-page.md: its heading ids differ"),
        "{errors}"
    );
    // The link from the first Russian page to `#details` breaks too, and says so.
    assert!(
        errors.contains("ru/second-page.html has no element with id `details`"),
        "{errors}"
    );
    let _ = fs::remove_dir_all(root);
}

#[test]
fn a_missing_frame_word_is_named_by_key_and_file() {
    let root = bilingual_site("words");
    let words = root.join("lessons/ru/site.toml");
    let text = fs::read_to_string(&words).unwrap();
    let without: String = text
        .lines()
        .filter(|line| !line.starts_with("pager_next"))
        .map(|line| format!("{line}\n"))
        .collect();
    fs::write(&words, without).unwrap();
    let errors = errors_of(&root);
    assert!(
        errors.contains("lessons/ru/site.toml: the key `pager_next` is missing"),
        "{errors}"
    );
    let _ = fs::remove_dir_all(root);
}

#[test]
fn the_real_frame_words_are_complete_in_every_language() {
    let root = repository_root();
    let languages =
        downhill_lessons::languages::load(&root).unwrap_or_else(|errors| panic!("{errors}"));
    let codes: Vec<&str> = languages
        .iter()
        .map(|language| language.code.as_str())
        .collect();
    assert_eq!(codes, ["en", "ru", "zh", "uk"]);
    let texts = downhill_lessons::site_text::load_all(&root, &languages)
        .unwrap_or_else(|errors| panic!("{errors}"));
    // The stages' English words are the English file's.
    let english = downhill_lessons::markdown::PageWords::english();
    assert_eq!(
        downhill_lessons::markdown::PageWords::of(&texts[0], ""),
        english
    );
}

/// The code point ranges of the math font's subset, read from the command that makes it
/// (`www/fonts/README.md`), so the test follows the font when it is regenerated.
fn math_font_ranges() -> Vec<(u32, u32)> {
    let readme = fs::read_to_string(repository_root().join("www/fonts/README.md")).unwrap();
    let list = readme
        .split("--unicodes=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the README's pyftsubset command lists --unicodes");
    list.split(',')
        .map(|range| {
            let number =
                |text: &str| u32::from_str_radix(text.trim_start_matches("U+"), 16).unwrap();
            match range.split_once('-') {
                Some((low, high)) => (number(low), number(high)),
                None => (number(range), number(range)),
            }
        })
        .collect()
}

/// Every lesson file of every language, relative to the repository root.
fn every_lesson_file() -> Vec<PathBuf> {
    let root = repository_root();
    let languages = downhill_lessons::languages::load(&root).unwrap();
    let mut files = Vec::new();
    for language in &languages {
        let folder = PathBuf::from(language.source_folder());
        let Ok(entries) = fs::read_dir(root.join(&folder)) else {
            continue;
        };
        for entry in entries {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".md") && name != "README.md" && name != "GLOSSARY.md" {
                files.push(folder.join(name));
            }
        }
    }
    files
}

#[test]
fn the_math_font_covers_every_character_of_every_languages_formulas() {
    use pulldown_cmark::{Event, Parser};
    let ranges = math_font_ranges();
    let covered = |character: char| {
        ranges
            .iter()
            .any(|(low, high)| (*low..=*high).contains(&(character as u32)))
    };
    let files = every_lesson_file();
    assert!(files.len() >= 9, "only {} lesson files found", files.len());
    let mut uncovered = Vec::new();
    for file in files {
        let text = fs::read_to_string(repository_root().join(&file)).unwrap();
        let options = downhill_lessons::markdown::parser_options();
        for event in Parser::new_ext(&text, options) {
            if let Event::InlineMath(latex) | Event::DisplayMath(latex) = event {
                // Words in `\text{}` are set in the body font (site.css), not the math font.
                let math = downhill_lessons::parity::formula_key(&latex);
                for character in math.chars().filter(|character| !covered(*character)) {
                    uncovered.push(format!("{}: `{character}` in ${latex}$", file.display()));
                }
            }
        }
    }
    assert!(
        uncovered.is_empty(),
        "outside the math font:\n{}",
        uncovered.join("\n")
    );
}
