//! Turns `lessons/*.md` into the site's HTML pages.
