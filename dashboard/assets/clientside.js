/* The pages' clientside callbacks, by name (dash's ClientsideFunction), so that no callback is an
   inline script: every app built in a process finds them, and the content security policy has no
   script hashes to carry for them. They call the helpers of url_state.js and tables.js. */
// A project's title pressed in the table (by click, Enter or Space): its card, drawn above the table,
// takes the focus when it comes (`reveal`); a place pointed at on the map leaves the focus where it is.
document.addEventListener("click", function (event) {
  const pressed = event.target.closest && event.target.closest("#projects-table-area button");
  if (pressed) { window.citySdgChosenFromTable = true; }
}, true);
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  citySdg: {
    // Opens or closes a Bootstrap `.collapse` (the phone menu, a page's filters) from its button.
    fold: function (_clicks, className) {
      const names = (className || "").split(" ").filter(function (c) { return c && c !== "show"; });
      const open = (className || "").split(" ").indexOf("show") >= 0;
      return [open ? names.join(" ") : names.concat("show").join(" "), open ? "false" : "true"];
    },
    pushQuery: function (query) { return window.citySdg.pushQuery(query || {}); },
    table: function (data) { return window.citySdg.table(data); },
    // A table sent only when its reader opens it: the state to ask for while the table's <details>
    // is open (its summary clicked an odd number of times), nothing while it is closed.
    tableAsk: function (clicks, state) {
      return clicks % 2 === 1 && state ? state : window.dash_clientside.no_update;
    },
    // Draws the table only when it is the table of the state shown: after a change with the table
    // closed, the one kept from before is not shown again while the new one is on its way.
    tableOf: function (data, state) {
      return data && JSON.stringify(data.query || {}) === JSON.stringify(state || {})
        ? window.citySdg.table(data) : null;
    },
    // A city's goal tables (pages/city.py) put into its sections' tree, each in place of its goal's
    // "Loading" line, only while the page shows the place and year they are of: an answer asked
    // for on another city's page may arrive after a link was followed.
    goalTables: function (answer, tree, page) {
      const unchanged = window.dash_clientside.no_update;
      if (!answer || !Array.isArray(tree) || !page || answer.place !== page.place_id || answer.year !== page.year) {
        return unchanged;
      }
      const tables = answer.tables || {};
      let changed = false;
      const put = function (table) {
        return function (part) {
          if (!Array.isArray(part)) { return part; }
          if ((part[1] || {}).className === "goal-table") { changed = true; return ["div", part[1], table]; }
          return part[0] === "div" ? part.map(put(table)) : part;
        };
      };
      const next = tree.map(function (section) {
        const table = Array.isArray(section) && section[0] === "details" && tables[String((section[1] || {})["data-goal"])];
        return table ? section.map(put(table)) : section;
      });
      return changed ? next : unchanged;
    },
    // Scrolls the element with this id to the top of the window when none of it is in view.
    reveal: function (_changed, id) {
      const element = document.getElementById(id);
      const box = element ? element.getBoundingClientRect() : null;
      if (box && (box.bottom < 0 || box.top > window.innerHeight)) { element.scrollIntoView({block: "start"}); }
      // the projects' details: their status line names the project shown (read out, where the whole
      // card was), and a card chosen from the table far below takes the focus, which stayed there
      const status = element && element.querySelector("[aria-live]");
      const title = element && element.querySelector(".project-card h3");
      if (status && title) {
        status.textContent = title.textContent;
        if (window.citySdgChosenFromTable) {  // not a place pointed at on the map: its focus stays
          window.citySdgChosenFromTable = false;
          title.setAttribute("tabindex", "-1");
          title.focus({preventScroll: true});
        }
      }
      return "";
    },
    // The table's page buttons (any number of them, then the status line's id): the new page is
    // read from its top, the status line, which takes the focus (a pressed button may be disabled
    // on the page it leads to, and the next Tab goes on to the page's first title).
    revealPage: function () {
      const id = arguments[arguments.length - 1];
      window.dash_clientside.citySdg.reveal(null, id);
      const status = document.getElementById(id);
      if (status) { status.focus({preventScroll: true}); }
      return "";
    },
  },
});
