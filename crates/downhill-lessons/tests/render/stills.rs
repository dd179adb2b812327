//! Demo stills: every demo has one, the five digits demos' are real runs on the digits, and a page
//! shows each as a picture file rather than inline.

use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, PreparedDigits};
use downhill_lessons::demos;
use downhill_lessons::outputs;
use downhill_lessons::resources::Resources;
use downhill_plots::catalogue::DemoKind;
use downhill_plots::digits_stills::{self, DIGITS_DEMOS};

use super::support::{assert_contains, render_errors, render_ok, repository_root};

/// Checks what every still file must be: an SVG document with its own size and namespace (it is
/// loaded as an image, outside the page), drawn with shapes and text, with no non-finite number
/// and no inline style.
#[track_caller]
fn assert_good_still_file(name: &str, svg: &str) {
    assert!(
        svg.starts_with("<svg width=\"") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""),
        "{name}: {}",
        &svg[..svg.len().min(120)]
    );
    assert!(svg.trim_end().ends_with("</svg>"), "{name}: not closed");
    for bad in ["NaN", "inf", "style="] {
        assert!(!svg.contains(bad), "{name}: contains {bad}");
    }
}

/// How many drawn shapes an SVG holds.
fn n_shapes(svg: &str) -> usize {
    [
        "<rect",
        "<line",
        "<polyline",
        "<path",
        "<circle",
        "<polygon",
    ]
    .iter()
    .map(|tag| svg.matches(tag).count())
    .sum()
}

#[test]
fn every_demo_in_the_catalogue_has_a_still() {
    let resources = Resources::new(&repository_root());
    for kind in DemoKind::ALL {
        let still = demos::still(kind, &[], &resources)
            .unwrap_or_else(|message| panic!("{}: {message}", kind.name()))
            .unwrap_or_else(|| panic!("{} has no still", kind.name()));
        for (path, svg) in still.files() {
            assert!(path.starts_with("stills/still-"), "{path}");
            assert_good_still_file(&path, svg);
        }
    }
}

/// The relative luminance (0 black, 1 white) of the fill of an SVG's first shape: its background.
fn background_luminance(svg: &str) -> f64 {
    let fill_at = svg.find(" fill=\"#").expect("a filled shape") + 8;
    let hex = &svg[fill_at..fill_at + 6];
    let channel = |index: usize| f64::from(u8::from_str_radix(&hex[index..index + 2], 16).unwrap());
    (0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)) / 255.0
}

#[test]
fn a_dark_still_has_a_dark_background_and_its_light_one_a_light_background() {
    // An image does not take the page's colours: each version must carry its own background.
    let resources = Resources::new(&repository_root());
    let mut n_dark = 0;
    for kind in DemoKind::ALL {
        let still = demos::still(kind, &[], &resources).unwrap().unwrap();
        let Some(dark) = &still.dark_svg else {
            continue;
        };
        n_dark += 1;
        let (light, dark) = (
            background_luminance(&still.light_svg),
            background_luminance(dark),
        );
        assert!(
            light > 0.8 && dark < 0.2,
            "{}: {light} / {dark}",
            kind.name()
        );
    }
    assert!(n_dark >= 6, "only {n_dark} demos have a dark still");
}

#[test]
fn the_digits_stills_are_charts_with_text_in_both_schemes() {
    let resources = Resources::new(&repository_root());
    for kind in DIGITS_DEMOS {
        let name = kind.name();
        let still = demos::still(kind, &[], &resources).unwrap().unwrap();
        let light = &still.light_svg;
        // Axes, ticks, grid and series: far more than a background and a frame.
        assert!(n_shapes(light) > 20, "{name}: {} shapes", n_shapes(light));
        assert!(
            light.matches("<text").count() >= 8,
            "{name}: too little text"
        );
        // Its own background, since an image does not take the page's colours.
        assert!(
            light.contains("<rect x=\"0\" y=\"0\" width=\"640\""),
            "{name}: no background"
        );
        match kind {
            // The hiker's chart sits on fog that reads in either scheme: one version.
            DemoKind::HikerDigits => assert!(still.dark_svg.is_none()),
            _ => {
                let dark = still.dark_svg.as_ref().expect("a dark version");
                assert_ne!(dark, light, "{name}: the dark version is the light one");
                assert!(
                    dark.contains("fill=\"#181B20\""),
                    "{name}: no dark background"
                );
            }
        }
    }
}

#[test]
fn the_digits_stills_are_drawn_from_the_data() {
    // The same demos on another split of the digits must draw other pictures.
    let resources = Resources::new(&repository_root());
    let usual = outputs::prepared_digits(&resources).unwrap();
    let other = PreparedDigits::new(
        resources.digits().unwrap(),
        DEFAULT_N_VALIDATION,
        DEFAULT_N_TEST,
        outputs::SPLIT_SEED + 1,
    )
    .unwrap();
    for kind in [
        DemoKind::StepSizeSweep,
        DemoKind::MinibatchNoise,
        DemoKind::LearningCurves,
    ] {
        let from_usual = digits_stills::digits_still(kind, &usual).unwrap().light;
        let from_other = digits_stills::digits_still(kind, &other).unwrap().light;
        assert_ne!(from_usual, from_other, "{kind:?} ignores the data");
    }
}

#[test]
fn the_hiker_still_ends_at_the_accuracies_the_lesson_prints() {
    // The lesson prints each strategy's test accuracy after 1,000 evaluations (outputs/searches.rs);
    // the still's walkers, with the demo's defaults, must replay exactly those runs.
    let resources = Resources::new(&repository_root());
    let prepared = outputs::prepared_digits(&resources).unwrap();
    let curves = digits_stills::hiker_digits_curves(&prepared);
    let printed = [
        "random-search-accuracy",
        "random-local-search-accuracy",
        "gradient-descent-accuracy",
    ];
    for (curve, output) in curves.iter().zip(printed) {
        let (spent, accuracy) = *curve.last().expect("a curve");
        assert_eq!(spent, 1000.0, "{output}: the walker stopped early");
        let table = outputs::render(output, &resources).unwrap();
        let shown = format!("{:.1} %", 100.0 * accuracy);
        assert!(
            table.contains(&shown),
            "{output}: the still ends at {shown}, the lesson prints\n{table}"
        );
    }
}

#[test]
fn the_learning_curves_still_trains_every_rate_for_its_epochs() {
    let resources = Resources::new(&repository_root());
    let prepared = outputs::prepared_digits(&resources).unwrap();
    let curves = digits_stills::learning_curves(&prepared);
    assert_eq!(curves.len(), 5, "four presets and the reader's rate");
    let good = curves.iter().find(|curve| curve.label == "good").unwrap();
    assert_eq!(good.points.len(), 41, "epoch 0 and 40 epochs");
    let (first, last) = (good.points[0].1, good.points[40].1);
    assert!(
        last < 0.5 * first,
        "the good rate did not learn: {first} -> {last}"
    );
    for curve in &curves {
        assert!(curve.points.iter().all(|(_, loss)| loss.is_finite()));
    }
}

#[test]
fn a_demo_figure_shows_its_still_as_a_picture_file() {
    let html = render_ok("```demo\nname = \"saddle-race\"\ncaption = \"c\"\n```\n");
    let id = demos::still_id(DemoKind::SaddleRace, &[]);
    assert_contains(
        &html,
        &format!(
            "<div class=\"demo-fallback\"><picture class=\"demo-still\"><img src=\"stills/{id}.svg\" \
             alt=\"Optimizers racing on a loss surface: Paths of SGD"
        ),
    );
    assert_contains(
        &html,
        "width=\"640\" height=\"480\" loading=\"lazy\"></picture></div>",
    );
    assert!(!html.contains("<svg"), "the still is inline again");
}

#[test]
fn a_dark_version_is_offered_to_readers_who_prefer_dark() {
    let resources = Resources::new(&repository_root());
    let still = demos::still(DemoKind::LearningCurves, &[], &resources)
        .unwrap()
        .unwrap();
    let kind = demos::find("learning-curves").unwrap();
    let html = demos::still_picture(kind.info(), &still, "");
    let id = &still.id;
    assert!(
        html.starts_with(&format!(
            "<picture class=\"demo-still\"><source srcset=\"stills/{id}-dark.svg\" \
             media=\"(prefers-color-scheme: dark)\"><img src=\"stills/{id}.svg\""
        )),
        "{html}"
    );
    // A translated page, one folder down, shows the same files.
    let translated = demos::still_picture(kind.info(), &still, "../");
    assert!(
        translated.contains(&format!("srcset=\"../stills/{id}-dark.svg\""))
            && translated.contains(&format!("src=\"../stills/{id}.svg\"")),
        "{translated}"
    );
}

#[test]
fn settings_a_digits_still_cannot_draw_are_refused() {
    let errors =
        render_errors("```demo\nname = \"minibatch-noise\"\ncaption = \"c\"\nbatch = 64\n```\n");
    assert!(
        errors[0].contains("the still of `minibatch-noise` draws the demo's defaults only"),
        "{errors:?}"
    );
}
