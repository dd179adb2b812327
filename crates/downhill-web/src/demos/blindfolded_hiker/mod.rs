//! The blindfolded hiker: random search, random local search and following the gradient on the bumpy
//! landscape, each with the same budget of loss evaluations and a counter; a blindfold that hides
//! the landscape and leaves only what the hiker felt; click, tap or arrow keys to place the hiker.
//!
//! A changed setting recomputes the three walks at once (see [`model`]) and playing only moves a
//! cursor along them, so a changed setting shows at once what it would have done, at the same
//! evaluation. The digits view of the same lesson (`demos/hiker_digits/`) shares this folder's
//! `shared_settings` and `shared_controls`.

mod controls;
pub(crate) mod model;
pub(crate) mod settings;
pub(crate) mod shared_controls;
pub(crate) mod shared_settings;
mod view;

use crate::kit::listeners::Listeners;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::kit::transport::{Playback, Transport};
use crate::settings::DemoSettings;
use downhill_plots::hiker as hiker_plots;
use model::HikerModel;
use settings::BlindfoldedHikerSettings;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::Element;

pub struct BlindfoldedHiker {
    model: RefCell<HikerModel>,
    view: view::HikerView,
    controls: controls::HikerControls,
    toolbar: RefCell<Option<Toolbar>>,
    /// Whether a mouse or pen is dragging the hiker across the map.
    dragging: Cell<bool>,
    /// Every listener of the hiker, taken off the page with it; each holds the hiker weakly.
    listeners: Listeners,
}

/// Builds the hiker inside `figure`, replacing its still, and starts listening.
pub fn mount(
    figure: &Element,
    settings: &crate::settings::Settings,
) -> Result<Rc<BlindfoldedHiker>, String> {
    let initial = BlindfoldedHikerSettings::read(settings);
    let figure_id = figure.id();
    let controls = controls::HikerControls::build(&figure_id, &initial);
    let view = view::HikerView::build(figure, &controls, settings.messages().join(" "));
    let hiker = Rc::new(BlindfoldedHiker {
        model: RefCell::new(HikerModel::new(initial)),
        view,
        controls,
        toolbar: RefCell::new(None),
        dragging: Cell::new(false),
        listeners: Listeners::new(),
    });
    let toolbar = Toolbar::attach(&hiker.view.side, &figure_id, as_demo(&hiker));
    *hiker.toolbar.borrow_mut() = Some(toolbar);
    hiker.view.draw_landscape(&mut hiker.model.borrow_mut());
    hiker.redraw();

    Transport::wire(&hiker, figure, &hiker.listeners);
    controls::listen(&hiker);
    Ok(hiker)
}

impl BlindfoldedHiker {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    /// Moves the cursor `n_evaluations` on and redraws; returns whether there is more to show.
    fn advance(&self, n_evaluations: usize) -> bool {
        let more = self.model.borrow_mut().advance(n_evaluations);
        self.redraw();
        more
    }

    /// Redraws the probes and paths and every readout.
    fn redraw(&self) {
        self.view.draw(&self.model.borrow(), &self.controls);
    }

    /// Places the hiker where the pointer is on the map.
    fn place_at_pointer(&self, pointer: &web_sys::PointerEvent) {
        let rect = self.view.canvas.frame.get_bounding_client_rect();
        if !(rect.width() > 0.0 && rect.height() > 0.0) {
            return;
        }
        let across = (f64::from(pointer.client_x()) - rect.left()) / rect.width();
        let down = (f64::from(pointer.client_y()) - rect.top()) / rect.height();
        {
            let mut model = self.model.borrow_mut();
            let point = model.point_at(across, down);
            model.place(point);
        }
        self.redraw();
    }

    fn resize(&self) {
        if self.view.resize(&mut self.model.borrow_mut()) {
            self.redraw();
        }
    }
}

impl Playback for BlindfoldedHiker {
    fn transport(&self) -> &Transport {
        &self.controls.transport
    }

    fn frame(&self, _timestamp: f64) -> bool {
        let per_frame = self.model.borrow().per_frame();
        self.advance(per_frame)
    }

    fn at_end(&self) -> bool {
        self.model.borrow().at_end()
    }

    fn rewind(&self) {
        self.model.borrow_mut().cursor = 0;
    }

    fn step(&self) {
        self.model.borrow_mut().rewind_if_finished();
        self.advance(1);
    }

    fn draw(&self) {
        self.redraw();
    }

    /// No animation for readers who asked for less motion: show where the walks end.
    fn jump_to_end(&self) -> bool {
        let budget = self.model.borrow().budget();
        self.advance(budget);
        true
    }
}

impl Demo for BlindfoldedHiker {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings.write()
    }

    fn export_csv(&self) -> String {
        self.model.borrow().csv()
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        model.with_scene(1.0, |scene| hiker_plots::scene_svg(&model.surface, scene))
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![
            self.view.canvas.landscape.clone(),
            self.view.canvas.overlay.clone(),
        ]
    }

    fn file_stem(&self) -> String {
        "blindfolded-hiker".to_string()
    }
}
