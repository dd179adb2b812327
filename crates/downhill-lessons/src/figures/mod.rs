//! Figures drawn at build time from real numbers, one file each, as inline SVG.
//!
//! Each figure is drawn by plotters into an SVG string and then passed through
//! [`svg::make_inline`]. They are inlined in the page rather than written as `figures/*.svg` files
//! because an inline SVG inherits the page's text colour (`currentColor`) and the site's CSS, so one
//! drawing serves the light and the dark theme, and it costs no extra request.

pub mod chart;
pub mod convex_vs_nonconvex;
pub mod data_flow;
pub mod diagram;
pub mod digit_weight_templates;
pub mod hinge_bowl_1d;
pub mod local_global_minima;
pub mod raster;
pub mod svg;
pub mod svm_loss_slices;
pub mod train_val_accuracy;

use crate::resources::Resources;

/// A figure a lesson may name.
pub struct FigureInfo {
    pub name: &'static str,
    /// The accessible name of the picture, said before the caption.
    pub title: &'static str,
    /// Draws the raw plotters SVG; errors say what input was missing.
    pub draw: fn(&Resources) -> Result<String, String>,
}

/// Every figure that exists. A lesson naming anything else fails the build.
pub const FIGURES: &[FigureInfo] = &[
    FigureInfo {
        name: "svm-loss-1d-slice",
        title: "The SVM loss of the digits classifier along one random direction",
        draw: svm_loss_slices::draw_1d,
    },
    FigureInfo {
        name: "svm-loss-2d-slice",
        title: "The SVM loss of the digits classifier on a plane through two random directions",
        draw: svm_loss_slices::draw_2d,
    },
    FigureInfo {
        name: "svm-loss-2d-slice-one-example",
        title: "The SVM loss of a single digit image on a plane through two random directions",
        draw: svm_loss_slices::draw_2d_one_example,
    },
    FigureInfo {
        name: "hinge-bowl-1d",
        title: "The SVM loss of three one-dimensional points as a function of one weight",
        draw: hinge_bowl_1d::draw,
    },
    FigureInfo {
        name: "data-flow",
        title: "The flow of data and gradients in training",
        draw: data_flow::draw,
    },
    FigureInfo {
        name: "local-global-minima",
        title: "A one-dimensional non-convex curve with its local and global minima",
        draw: local_global_minima::draw,
    },
    FigureInfo {
        name: "convex-vs-nonconvex",
        title: "A convex loss with one valley beside a non-convex loss with several",
        draw: convex_vs_nonconvex::draw,
    },
    FigureInfo {
        name: "train-val-accuracy",
        title: "Training and validation accuracy against epoch in an overfitting run and a regularized run",
        draw: train_val_accuracy::draw,
    },
    FigureInfo {
        name: "digit-weight-templates",
        title: "The softmax weights of each digit class as 8 by 8 images, after a badly set run and a good run",
        draw: digit_weight_templates::draw,
    },
];

/// Every figure name, for error messages.
pub fn names() -> Vec<&'static str> {
    FIGURES.iter().map(|figure| figure.name).collect()
}

/// The inline SVG of figure `name`, drawn once per build and then reused (a figure may appear on
/// several pages).
pub fn draw(name: &str, resources: &Resources) -> Result<String, String> {
    let Some(figure) = FIGURES.iter().find(|figure| figure.name == name) else {
        return Err(format!(
            "unknown figure `{name}`; the figures that exist are {}",
            names().join(", ")
        ));
    };
    resources.cached(&format!("figure:{name}"), || {
        let raw =
            (figure.draw)(resources).map_err(|message| format!("figure `{name}`: {message}"))?;
        Ok(svg::make_inline(&raw, "figure-plot", figure.title))
    })
}
