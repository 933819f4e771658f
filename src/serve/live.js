// kansli serve: reloads the page when the site was rebuilt, and shows the errors of a
// failed rebuild over the last good page, as tall as they need and no taller; "Dölj"
// hides them until the next rebuild. Only `kansli serve` adds this script.
(() => {
  "use strict";
  const script = document.currentScript;
  const shown = Number(script && script.dataset.generation);
  const events = new EventSource("/__kansli/events");

  events.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    if (state.generation !== shown && state.generation !== 0) {
      location.reload();
      return;
    }
    overlay(state.errors);
  });

  function overlay(errors) {
    let box = document.getElementById("kansli-fel");
    if (!errors.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("section");
      box.id = "kansli-fel";
      box.setAttribute("role", "alert");
      box.setAttribute("aria-labelledby", "kansli-fel-rubrik");
      box.style.cssText =
        "position:fixed;top:1rem;left:1rem;right:1rem;max-height:calc(100vh - 2rem);" +
        "z-index:2147483647;overflow:auto;padding:1.5rem;" +
        "background:#fff;color:#1a1a1a;border:4px solid #b00020;border-radius:6px;" +
        "box-shadow:0 4px 24px rgba(0,0,0,.35);font:16px/1.5 system-ui,sans-serif";
      document.body.appendChild(box);
    }
    box.hidden = false;
    box.replaceChildren();
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Dölj";
    hide.style.cssText =
      "float:right;margin:0 0 .5rem 1rem;padding:.35rem .9rem;font:inherit;cursor:pointer;" +
      "background:#fff;color:#1a1a1a;border:2px solid #1a1a1a;border-radius:4px";
    hide.addEventListener("click", () => {
      box.hidden = true;
    });
    const heading = document.createElement("h2");
    heading.id = "kansli-fel-rubrik";
    heading.style.cssText = "margin:0 0 .5rem;color:#b00020;font-size:1.4rem";
    heading.textContent =
      errors.length === 1 ? "Källfilerna har 1 fel" : `Källfilerna har ${errors.length} fel`;
    const note = document.createElement("p");
    note.textContent =
      "Sidan nedanför är den senaste som byggdes utan fel. Den laddas om när felen är rättade; " +
      "Dölj visar den tills nästa ändring.";
    box.append(hide, heading, note);
    for (const error of errors) {
      const where = error.file
        ? `${error.file}${error.line ? `:${error.line}:${error.column}` : ""}`
        : "";
      const title = document.createElement("h3");
      title.style.cssText = "margin:1rem 0 .25rem;font-size:1.05rem";
      title.textContent = where ? `${where}: ${error.message}` : error.message;
      const text = document.createElement("pre");
      text.style.cssText =
        "margin:0;padding:.75rem;overflow:auto;background:#f4f4f4;border-radius:4px;" +
        "font:14px/1.4 ui-monospace,monospace;white-space:pre";
      text.textContent = error.text;
      box.append(title, text);
    }
  }
})();
