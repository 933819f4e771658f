//! HTTP: the newest generation's files, and a live-reload channel.
//!
//! Every HTML answer carries a small script (`/__kansli/live.js`) that listens on
//! `/__kansli/events` (server-sent events). The server sends the state on connect and
//! after every rebuild: the generation's number and the errors, if the last rebuild
//! failed. A page of an older generation reloads itself; a page shows the errors as an
//! overlay over the last good site until they are fixed (or hidden until the next
//! rebuild).
//!
//! A request path is only ever looked up in the generation's table of paths: nothing is
//! read from disk by a name the request chose, so `..` leads nowhere.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::extract::State as Extract;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use serde::Serialize;
use tokio::sync::watch;

use super::session::{Answer, Failure, Generation};
use crate::diag::{Color, Severity};

/// Where the page script and the event stream live; no page of a site can be there.
pub const LIVE_SCRIPT: &str = "/__kansli/live.js";
pub const EVENTS: &str = "/__kansli/events";

/// What the browser is told: the generation being served and the errors of the last
/// rebuild, if it failed.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub generation: Option<Arc<Generation>>,
    pub errors: Option<Arc<Failure>>,
}

impl State {
    fn number(&self) -> u64 {
        self.generation.as_ref().map_or(0, |g| g.number())
    }

    fn message(&self) -> Message {
        let errors = self.errors.as_deref().map(errors).unwrap_or_default();
        Message { generation: self.number(), errors }
    }
}

#[derive(Serialize)]
struct Message {
    generation: u64,
    errors: Vec<ErrorView>,
}

/// One diagnostic for the overlay.
#[derive(Serialize)]
struct ErrorView {
    file: String,
    line: usize,
    column: usize,
    message: String,
    /// The whole diagnostic as the terminal shows it (without colours).
    text: String,
}

fn errors(failure: &Failure) -> Vec<ErrorView> {
    failure
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let (file, line, column) = match &d.location {
                Some(location) if (location.file.0 as usize) < failure.files.len() => {
                    let (line, column) = match &location.span {
                        Some(span) => failure.files.line_col(location.file, span.start),
                        None => (0, 0),
                    };
                    (failure.files.path(location.file).to_string(), line, column)
                }
                _ => (String::new(), 0, 0),
            };
            let text = crate::diag::render(d, &failure.files, Color::Never);
            ErrorView { file, line, column, message: d.message.clone(), text }
        })
        .collect()
}

#[derive(Clone)]
pub(super) struct Shared {
    pub(super) state: watch::Receiver<State>,
    pub(super) shutdown: watch::Receiver<bool>,
}

pub(super) fn router(shared: Shared) -> Router {
    Router::new().route(EVENTS, get(events)).route(LIVE_SCRIPT, get(live_script)).fallback(get(site)).with_state(shared)
}

async fn live_script() -> Response {
    let mut response = include_str!("live.js").into_response();
    set_headers(&mut response, "text/javascript; charset=utf-8");
    response
}

async fn events(Extract(shared): Extract<Shared>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // The state now, then every change, until the server shuts down.
    let stream = futures_util::stream::unfold((shared, true), |(mut shared, first)| async move {
        if !first {
            tokio::select! {
                changed = shared.state.changed() => changed.ok()?,
                _ = shared.shutdown.wait_for(|stop| *stop) => return None,
            }
        }
        let message = shared.state.borrow_and_update().message();
        let data = serde_json::to_string(&message).unwrap_or_default();
        Some((Ok(Event::default().event("state").data(data)), (shared, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn site(Extract(shared): Extract<Shared>, uri: Uri) -> Response {
    let Some(path) = decode(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "ogiltig sökväg").into_response();
    };
    let state = shared.state.borrow().clone();
    let Some(generation) = state.generation.clone() else {
        // No good generation yet: say why, and reload when there is one.
        let html = no_site_page(&state);
        let mut response = (StatusCode::SERVICE_UNAVAILABLE, html).into_response();
        set_headers(&mut response, "text/html; charset=utf-8");
        return response;
    };
    let number = generation.number();
    let answer = tokio::task::spawn_blocking(move || generation.get(&path)).await;
    let answer = match answer {
        Ok(answer) => answer,
        Err(error) => Answer::Failed(format!("sidan kunde inte göras: {error}")),
    };
    let (status, bytes, content_type) = match answer {
        Answer::Found { bytes, content_type } => (StatusCode::OK, bytes, content_type),
        Answer::Redirect(to) => {
            let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
            if let Ok(location) = HeaderValue::from_str(&format!("/{}", crate::render::urls::encode_path(&to))) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            return response;
        }
        Answer::NotFound(bytes) => (StatusCode::NOT_FOUND, bytes, "text/html; charset=utf-8"),
        Answer::Failed(message) => {
            let mut response = (StatusCode::INTERNAL_SERVER_ERROR, message).into_response();
            set_headers(&mut response, "text/plain; charset=utf-8");
            return response;
        }
    };
    let body = if content_type.starts_with("text/html") { with_live_script(&bytes, number) } else { bytes.to_vec() };
    let mut response = (status, body).into_response();
    set_headers(&mut response, content_type);
    response
}

fn set_headers(response: &mut Response, content_type: &'static str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A preview is never cached: the next reload must show the next generation.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// The script tag a served page gets, before `</body>`.
fn script_tag(generation: u64) -> String {
    format!("<script src=\"{LIVE_SCRIPT}\" data-generation=\"{generation}\"></script>")
}

fn with_live_script(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = script_tag(generation);
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page served before the site has ever built: the errors, and the live script that
/// shows them and reloads when they are fixed.
fn no_site_page(state: &State) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Webbplatsen har fel</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\
         <body><main><h1>Webbplatsen har fel</h1><p>Källfilerna har fel, så det finns ingen webbplats att visa än. \
         Sidan laddas om när felen är rättade.</p></main>{}</body></html>\n",
        script_tag(state.number())
    )
}

/// The request path without its leading `/`, percent-decoded; `None` if it does not
/// decode to UTF-8 or holds a NUL.
pub fn decode(path: &str) -> Option<String> {
    let path = path.strip_prefix('/').unwrap_or(path);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    (!decoded.contains('\0')).then_some(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes_and_refuses_broken_ones() {
        assert_eq!(decode("/filer/m%C3%B6te.pdf").as_deref(), Some("filer/möte.pdf"));
        assert_eq!(decode("/%2e%2e/etc/passwd").as_deref(), Some("../etc/passwd"));
        assert_eq!(decode("/a%2"), None);
        assert_eq!(decode("/a%zz"), None);
        assert_eq!(decode("/a%00b"), None);
        assert_eq!(decode("/%ff"), None);
    }

    #[test]
    fn live_script_goes_before_the_end_of_the_body() {
        let page = with_live_script(b"<html><body><p>x</p></body></html>", 7);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__kansli/live.js\" data-generation=\"7\"></script></body></html>"
        );
    }

    #[test]
    fn encodes_what_a_location_may_not_hold() {
        assert_eq!(crate::render::urls::encode_path("filer/möte 1/"), "filer/m%C3%B6te%201/");
    }
}
