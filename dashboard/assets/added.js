// `whenAdded(selector, each)`: call `each` on every element the selector finds, now and after every
// change of the page, at most once a frame. Dash draws a page's parts after it loads and again on
// every answer (another goal, a region chosen), so a script that fits or folds a chart cannot find
// it once at load. `each` must itself skip an element it has seen. This file's name sorts it before
// the scripts that use it (Dash loads a folder's scripts in name order).
window.citySdg = window.citySdg || {};
window.citySdg.whenAdded = function (selector, each) {
  var queued = false;
  function look() {
    queued = false;
    document.querySelectorAll(selector).forEach(each);
  }
  function start() {
    new MutationObserver(function () {
      if (!queued) { queued = true; window.requestAnimationFrame(look); }
    }).observe(document.body, {childList: true, subtree: true});
    look();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
};
