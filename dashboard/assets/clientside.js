/* The pages' clientside callbacks, by name (dash's ClientsideFunction), so that no callback is an
   inline script: every app built in a process finds them, and the content security policy has no
   script hashes to carry for them. They call the helpers of url_state.js and tables.js. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  citySdg: {
    pushQuery: function (query) { return window.citySdg.pushQuery(query || {}); },
    table: function (data) { return window.citySdg.table(data); },
    // Scrolls the element with this id to the top of the window when none of it is in view.
    reveal: function (_changed, id) {
      const element = document.getElementById(id);
      const box = element ? element.getBoundingClientRect() : null;
      if (box && (box.bottom < 0 || box.top > window.innerHeight)) { element.scrollIntoView({block: "start"}); }
      return "";
    },
  },
});
