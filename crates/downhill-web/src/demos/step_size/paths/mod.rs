//! Step-size paths: gradient descent from one start on a 2-D surface, for a step size the reader picks
//! (the large picture) and for four fixed ones side by side (a tiny step that crawls, a good one that
//! arrives, a large one that bounces across the valley, and one past the stable limit that flies off).
//!
//! The paths and what each control does to them are the model's ([`model`]); the page is the view's
//! ([`view`], with the handlers in [`controls`]). The start can be dragged on the large picture, or
//! moved with the arrow keys when it has focus.

mod controls;
pub(crate) mod model;
pub(crate) mod settings;
mod view;

use crate::kit::listeners::Listeners;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::kit::transport::{Playback, Transport};
use crate::settings::DemoSettings;
use downhill_plots::paths::PathToDraw;
use downhill_plots::step_size::{CHOSEN_PATH_COLOUR, COMPARISON_COLOURS};
use model::PathsModel;
use settings::PathsSettings;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use view::PathsView;
use web_sys::Element;

pub struct Paths {
    model: RefCell<PathsModel>,
    view: PathsView,
    toolbar: RefCell<Option<Toolbar>>,
    /// Whether a pointer is dragging the start.
    dragging: Cell<bool>,
    listeners: Listeners,
}

/// Builds the demo inside `figure`, replacing its still.
pub fn mount(figure: &Element, settings: &crate::settings::Settings) -> Result<Rc<Paths>, String> {
    let model = PathsModel::new(&PathsSettings::read(settings));
    let view = PathsView::build(figure, &model, settings.messages().join(" "));
    let demo = Rc::new(Paths {
        model: RefCell::new(model),
        view,
        toolbar: RefCell::new(None),
        dragging: Cell::new(false),
        listeners: Listeners::new(),
    });
    *demo.toolbar.borrow_mut() = Some(Toolbar::attach(
        &demo.view.side,
        &figure.id(),
        as_demo(&demo),
    ));
    {
        let model = demo.model.borrow();
        demo.view.show_values(&model);
        demo.view.draw_landscapes(&model);
        demo.view.draw_overlays(&model);
    }
    Transport::wire(&demo, figure, &demo.listeners);
    controls::listen(&demo);
    Ok(demo)
}

impl Paths {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn move_start_to_pointer(&self, pointer: &web_sys::PointerEvent) {
        let Some((fraction_x, fraction_y)) = self.view.pointer_fraction(pointer) else {
            return;
        };
        self.model
            .borrow_mut()
            .set_start_at_fraction(fraction_x, fraction_y);
        self.draw();
    }

    /// Moves the cursor on and redraws; returns whether there is more to show.
    fn advance(&self, n_steps: usize) -> bool {
        let more = self.model.borrow_mut().advance(n_steps);
        self.draw();
        more
    }
}

impl Playback for Paths {
    fn transport(&self) -> &Transport {
        &self.view.transport
    }

    fn frame(&self, _timestamp: f64) -> bool {
        let steps = self.model.borrow().steps_per_frame();
        self.advance(steps)
    }

    fn at_end(&self) -> bool {
        self.model.borrow().is_at_end()
    }

    fn rewind(&self) {
        self.model.borrow_mut().reset();
    }

    fn step(&self) {
        self.model.borrow_mut().rewind_if_at_end();
        self.advance(1);
    }

    fn draw(&self) {
        self.view.draw_overlays(&self.model.borrow());
    }

    /// No motion: the whole run at once.
    fn jump_to_end(&self) -> bool {
        self.model.borrow_mut().show_all();
        self.draw();
        true
    }
}

impl Demo for Paths {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings().write()
    }

    fn export_csv(&self) -> String {
        self.model.borrow().csv()
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        let mut paths: Vec<PathToDraw<'_>> = model
            .panels
            .iter()
            .zip(COMPARISON_COLOURS)
            .map(|(panel, colour)| PathToDraw {
                points: &panel.trajectory.points,
                colour,
                stopped: false,
            })
            .collect();
        let shown = (model.cursor + 1).min(model.chosen.points.len());
        paths.push(PathToDraw {
            points: &model.chosen.points[..shown],
            colour: CHOSEN_PATH_COLOUR,
            stopped: false,
        });
        downhill_plots::still::landscape_with_paths_svg(model.surface.as_ref(), &paths, model.start)
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![
            self.view.main.landscape.clone(),
            self.view.main.overlay.clone(),
        ]
    }

    fn file_stem(&self) -> String {
        format!(
            "step-size-paths-{}",
            self.model.borrow().surface_kind.name()
        )
    }
}
