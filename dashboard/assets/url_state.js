// Keep each page's state in the URL query string, so views can be shared and bookmarked.
// pushState adds a history entry without reloading; Back/Forward fire popstate, which
// Dash's router turns into a fresh layout(**query) for the earlier state.
// The language (?lang=) is part of every URL: the server chose it for this page and wrote
// it into <html lang>, so a shared link opens in the language its sender read.
window.citySdg = window.citySdg || {};

window.citySdg.language = function () {
  return document.documentElement.getAttribute("lang") || "en";
};

// Called first when a page is drawn (no input changed yet), it writes the page's canonical query over
// the address it was opened with: an address with a bad or unknown value ("?goal=7.5&year=2020-21",
// "?lang=fr_FR") kept it, so it was shared and bookmarked with the same warnings; replaced, not added,
// so Back does not return to it. Later it adds a history entry for each view the reader chooses.
window.citySdg.pushQuery = function (state) {
  const context = window.dash_clientside && window.dash_clientside.callback_context;
  const drawn = !(context && context.triggered_id);
  const params = new URLSearchParams();
  Object.keys(state).forEach(function (key) {
    const value = state[key];
    if (value === null || value === undefined || value === "") { return; }
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  });
  params.set("lang", window.citySdg.language());
  const query = params.toString();
  const target = window.location.pathname + (query ? "?" + query : "");
  if (target !== window.location.pathname + window.location.search) {
    if (drawn) {
      window.history.replaceState(window.history.state, "", target + window.location.hash);
    } else {
      window.history.pushState(null, "", target);
    }
  }
  return "";
};

(function keepLanguageInUrl() {
  const params = new URLSearchParams(window.location.search);
  if (!params.has("lang")) {
    params.set("lang", window.citySdg.language());
    window.history.replaceState(window.history.state, "",
      window.location.pathname + "?" + params.toString() + window.location.hash);
  }
})();

// The language menu reloads the page it is on, with the same query, in the chosen language
// (a full load, so <html lang> and dir come from the server). Without scripts its plain
// href (?lang=xx) still switches the language.
document.addEventListener("click", function (event) {
  const link = event.target.closest && event.target.closest("a.language-choice");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) {
    return;
  }
  const chosen = new URL(link.href, window.location.href).searchParams.get("lang");
  const params = new URLSearchParams(window.location.search);
  params.set("lang", chosen);
  event.preventDefault();
  window.location.assign(window.location.pathname + "?" + params.toString() + window.location.hash);
});

// Accessibility repairs of widgets drawn by Dash's own components, applied as they appear.
(function repairWidgets() {
  function apply() {
    focusableScrollers();
    dropdownFocus();
    openAddressed();
  }
  // An address to a part of a page (/about#methodology, from a link on the map or a city page, or
  // typed) opens the folded section that holds it, brings it into view and moves the focus there:
  // it landed on a closed section at the top of the page, the focus on the body. Once per address
  // and element, as the page is drawn (Dash draws a page after the address has changed).
  let opened = null;
  function openAddressed() {
    let id = window.location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (error) { /* '#100%': the hash as typed */ }
    const target = id ? document.getElementById(id) : null;
    if (!target || opened === target) { return; }
    opened = target;
    for (let part = target; part; part = part.parentElement) {
      if (part.tagName === "DETAILS" && !part.open) { part.open = true; }
    }
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.scrollIntoView();
    target.focus({preventScroll: true});
  }
  window.addEventListener("hashchange", function () { opened = null; apply(); });
  function setOnce(element, name, value) {
    if (element.getAttribute(name) !== value) { element.setAttribute(name, value); }
  }
  // A table that scrolls sideways must be reachable by keyboard to be scrolled.
  function focusableScrollers() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      setOnce(box, "tabindex", "0");
      setOnce(box, "role", "region");
      const caption = box.querySelector("caption");
      if (caption) { setOnce(box, "aria-label", caption.textContent); }
    });
  }
  // Dash 4's dropdown puts the keyboard's stop on a hidden input (aria-hidden yet focusable);
  // the stop moves to the dropdown's own button, which has the name, role and popup.
  function dropdownFocus() {
    document.querySelectorAll(".dash-dropdown-focus-target").forEach(function (input) {
      setOnce(input, "tabindex", "-1");
      const button = input.parentElement && input.parentElement.querySelector("button.dash-dropdown");
      if (button) { setOnce(button, "tabindex", "0"); }
    });
  }
  new MutationObserver(apply).observe(document.documentElement, { childList: true, subtree: true });
})();

// The navigation marks the page in view (aria-current="page", drawn underlined by site.css), on
// first load and after every in-app move, which changes the address without reloading.
(function markCurrentPage() {
  function apply() {
    const here = window.location.pathname.replace(/\/+$/, "") || "/";
    document.querySelectorAll(".navbar .nav-link[href]:not(.dropdown-toggle)").forEach(function (link) {
      const path = new URL(link.href, window.location.href).pathname.replace(/\/+$/, "") || "/";
      const current = path === "/" ? here === "/" : here === path || here.startsWith(path + "/");
      if (current) { link.setAttribute("aria-current", "page"); } else { link.removeAttribute("aria-current"); }
      link.classList.toggle("active", current);
    });
  }
  ["pushState", "replaceState"].forEach(function (name) {
    const original = window.history[name];
    window.history[name] = function () {
      const result = original.apply(this, arguments);
      window.setTimeout(apply, 0);
      return result;
    };
  });
  window.addEventListener("popstate", apply);
  new MutationObserver(function () { if (document.querySelector(".navbar .nav-link[href]")) { apply(); } })
    .observe(document.documentElement, { childList: true, subtree: true });
})();

// A goal tile links to its goal's section (#goal-3); the section is a <details> folded shut on
// phones' account, so following the link opens it.
(function openLinkedSection() {
  function open(scroll) {
    const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      if (scroll) { target.scrollIntoView(); }
    }
    return !!target;
  }
  window.addEventListener("hashchange", open);
  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest('a[href^="#goal-"]');
    if (link) { window.setTimeout(open, 0); }
  });
  // on arrival the page is drawn by scripts after "load": wait for the section to exist
  window.addEventListener("load", function () {
    let tries = 0;
    const timer = window.setInterval(function () {
      if (open(true) || ++tries > 40) { window.clearInterval(timer); }
    }, 250);
  });
})();
