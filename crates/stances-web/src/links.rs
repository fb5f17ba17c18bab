//! Where each page is: the routes the README lists on the server, or relative file names in a
//! static build (so the files work on any web server, or opened from disk).

/// Builds the links of one page.
#[derive(Debug, Clone)]
pub struct Links {
    root: String,
    suffix: &'static str,
}

impl Links {
    /// Links on the live server: absolute paths, no suffix.
    pub fn server() -> Self {
        Self { root: "/".into(), suffix: "" }
    }

    /// Links in a static build, from a page `depth` folders below the top.
    pub fn static_at(depth: usize) -> Self {
        Self { root: "../".repeat(depth), suffix: ".html" }
    }

    /// True in a static build (no server: forms that need one are left out).
    pub fn is_static(&self) -> bool {
        !self.suffix.is_empty()
    }

    /// The home page.
    pub fn home(&self) -> String {
        if self.is_static() {
            format!("{}index.html", self.root)
        } else {
            self.root.clone()
        }
    }

    fn page(&self, path: &str) -> String {
        format!("{}{path}{}", self.root, self.suffix)
    }

    /// A topic's living page.
    pub fn topic(&self, slug: &str) -> String {
        self.page(&format!("topics/{slug}"))
    }

    /// A statement's permalink.
    pub fn statement(&self, id: i64) -> String {
        self.page(&format!("statements/{id}"))
    }

    /// An organization's page.
    pub fn org(&self, slug: &str) -> String {
        self.page(&format!("organizations/{slug}"))
    }

    /// A position's page.
    pub fn position(&self, code: &str) -> String {
        self.page(&format!("positions/{code}"))
    }

    /// The matrix.
    pub fn matrix(&self) -> String {
        self.page("matrix")
    }

    /// The search page.
    pub fn search(&self) -> String {
        self.page("search")
    }

    /// The data dictionary and downloads.
    pub fn data(&self) -> String {
        self.page("data")
    }

    /// A file that is the same on the server and in a static build (feeds, exports, assets).
    pub fn file(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_and_static_links() {
        let s = Links::server();
        assert_eq!(s.statement(12), "/statements/12");
        assert_eq!(s.home(), "/");
        assert_eq!(s.file("feed.atom"), "/feed.atom");
        let f = Links::static_at(1);
        assert_eq!(f.statement(12), "../statements/12.html");
        assert_eq!(f.home(), "../index.html");
        assert_eq!(Links::static_at(0).file("static/style.css"), "static/style.css");
    }
}
