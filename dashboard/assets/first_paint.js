// The server-drawn first picture (dashboard/first_paint.py) stands beside Dash's entry point until
// the live page has drawn something of its own, then goes: a reader on a slow phone sees the
// picture, then the page, never Dash's "Loading..." in between. Without scripts it simply stays.
(function () {
  function livePageDrawn(entry) {
    return entry.children.length > 0 && !entry.querySelector("._dash-loading");
  }
  function watch() {
    var picture = document.getElementById("first-paint");
    var entry = document.getElementById("react-entry-point");
    if (!picture || !entry) { return; }
    var observer = new MutationObserver(function () {
      if (livePageDrawn(entry)) {
        observer.disconnect();
        picture.remove();
      }
    });
    observer.observe(entry, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
}());
