// Keep each page's state in the URL query string, so views can be shared and bookmarked.
// pushState adds a history entry without reloading; Back/Forward fire popstate, which
// Dash's router turns into a fresh layout(**query) for the earlier state.
// The language (?lang=) is part of every URL: the server chose it for this page and wrote
// it into <html lang>, so a shared link opens in the language its sender read.
window.citySdg = window.citySdg || {};

window.citySdg.language = function () {
  return document.documentElement.getAttribute("lang") || "en";
};

window.citySdg.pushQuery = function (state) {
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
    window.history.pushState(null, "", target);
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

// dash-bootstrap-components names the phone menu button and dialogs' close buttons in English;
// the page frame carries their names in the reader's language, and this puts them in place.
(function nameWidgets() {
  function apply() {
    const labels = document.getElementById("widget-labels");
    if (!labels) { return; }
    document.querySelectorAll(".navbar-toggler").forEach(function (button) {
      button.setAttribute("aria-label", labels.dataset.toggleNavigation);
    });
    document.querySelectorAll(".btn-close").forEach(function (button) {
      button.setAttribute("aria-label", labels.dataset.close);
    });
  }
  new MutationObserver(apply).observe(document.documentElement, { childList: true, subtree: true });
})();
