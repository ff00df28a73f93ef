// Keep each page's state in the URL query string, so views can be shared and bookmarked.
// pushState adds a history entry without reloading; Back/Forward fire popstate, which
// Dash's router turns into a fresh layout(**query) for the earlier state.
window.citySdg = window.citySdg || {};
window.citySdg.pushQuery = function (state) {
  const params = new URLSearchParams();
  Object.keys(state).forEach(function (key) {
    const value = state[key];
    if (value === null || value === undefined || value === "") { return; }
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  });
  const query = params.toString();
  const target = window.location.pathname + (query ? "?" + query : "");
  if (target !== window.location.pathname + window.location.search) {
    window.history.pushState(null, "", target);
  }
  return "";
};
