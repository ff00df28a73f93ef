// Registers the service worker that keeps the pages' scripts compiled for the next visit
// (dashboard/delivery/worker.py), where the server names one, a few seconds after the page has
// loaded: installing it fetches every kept script from the HTTP cache and compiles it again, work
// that should not compete with the first visit's own callbacks and charts on a weak phone.
(function () {
  const meta = document.querySelector('meta[name="city-sdg-worker"]');
  if (!meta || !("serviceWorker" in navigator)) { return; }
  function register() {
    const address = meta.getAttribute("content");
    navigator.serviceWorker.register(address, {scope: address.replace(/[^/]*$/, "")})
      .catch(function () { /* no worker: the browser's HTTP cache still holds every script */ });
  }
  window.addEventListener("load", function () { setTimeout(register, 4000); });
}());
