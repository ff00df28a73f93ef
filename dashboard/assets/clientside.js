/* The pages' clientside callbacks, by name (dash's ClientsideFunction), so that no callback is an
   inline script: every app built in a process finds them, and the content security policy has no
   script hashes to carry for them. They call the helpers of url_state.js and tables.js. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  citySdg: {
    pushQuery: function (query) { return window.citySdg.pushQuery(query || {}); },
    table: function (data) { return window.citySdg.table(data); },
  },
});
