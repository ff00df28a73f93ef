// The published copy's controls, with no server: each form switches its page's views between
// pre-built states (one small JSON file per state, named by the chosen values), keeps the state in
// the address (?goal=3&year=2020, defaults left out) so links and Back work, and draws charts with
// plotly from JSON in the page. The projects list is filtered here from one JSON file.
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");  // the controls work: static_site.css shows them
  var topology = new URL(document.body.getAttribute("data-topojson") || "./", location.href).href;

  function slug(value) {
    var text = String(value).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return text || "all";
  }

  var SAME_AS_FIRST = "=data[0]";  // frame.py SAME_AS_FIRST
  var SITE_NAME = document.title.slice(Math.max(0, document.title.lastIndexOf(" · ")));

  function draw(section) {
    var source = section.querySelector("script.view-figure");
    var holder = section.querySelector(".view-chart");
    if (!source || !holder || !window.Plotly) { return; }
    // opened from file:// a map cannot fetch its topology: the SVG drawn at export stays
    if (location.protocol === "file:" && holder.querySelector("svg")) { return; }
    var figure = JSON.parse(source.textContent);
    // an array a trace shares with the first trace (grouped bars' categories) is written once
    (figure.data || []).forEach(function (trace) {
      Object.keys(trace).forEach(function (key) {
        // a copy: plotly keeps per-trace state on its arrays, and two traces on one array draw one
        if (trace[key] === SAME_AS_FIRST) { trace[key] = figure.data[0][key].slice(); }
      });
    });
    // the template and graph settings every chart shares are written once, in front of this script
    var shared = window.citySdgFigure || {};
    figure.layout = figure.layout || {};
    if (!figure.layout.template && shared.template) {
      figure.layout.template = JSON.parse(JSON.stringify(shared.template));
    }
    figure.config = Object.assign({}, shared.config || {}, figure.config || {});
    figure.config.topojsonURL = topology;
    // plotly's mode bar and words in the page's language (the bundle holds each catalogue's)
    figure.config.locale = document.documentElement.lang || "en";
    var geo = (figure.data || []).some(function (trace) { return /geo|choropleth/.test(trace.type || ""); });
    if (geo) {
      // a map can be zoomed (a pinch, or these buttons) to the reader's part of the world: on a
      // phone the world is about 150 px tall, where Europe's places cover each other
      figure.config.displayModeBar = true;
      figure.config.modeBarButtons = [["zoomInGeo", "zoomOutGeo", "resetGeo"]];
      figure.config.displaylogo = false;
      // plotly's pale grey buttons are under the 3:1 contrast a control needs (WCAG 1.4.11)
      figure.layout.modebar = {color: "#495057", activecolor: "#0a58ca", bgcolor: "rgba(255,255,255,0.85)"};
      figure.layout.margin = Object.assign({}, figure.layout.margin || {});
      figure.layout.margin.t = Math.max(figure.layout.margin.t || 0, MODE_BAR);
      // a picture (role img) holds no buttons (axe: nested-interactive); a figure, as on the live pages
      holder.setAttribute("role", "figure");
    }
    holder.textContent = "";  // the SVG drawn at export makes way for the live chart
    window.Plotly.newPlot(holder, figure.data, figure.layout, figure.config).then(function () {
      holder.on("plotly_click", function (event) { openPlace(section, event); });
      // as tall as the geography drawn, by the live pages' rule (map_fit.js, loaded before this file)
      if (geo && window.citySdg && window.citySdg.fitMap) { window.citySdg.fitMap(holder); }
      // a long ranking's first bars only on a phone, as on the live Explore (ranking_fold.js)
      if (section.querySelector(".ranking-fold-note") && window.citySdg && window.citySdg.foldRanking) {
        window.citySdg.foldRanking(section);
      }
    });
  }

  var MODE_BAR = 34;  // room above a map for its zoom buttons, which would cover its north

  // a place's marker opens its page, as on the live map: the page the section's table links to
  // (never a made-up address: a quick-look export holds only some places' pages)
  function openPlace(section, event) {
    var point = event && event.points && event.points[0];
    var id = point && point.customdata && point.customdata[0];
    if (!id) { return; }
    var links = section.querySelectorAll(".view-rows a[href]");
    for (var i = 0; i < links.length; i++) {
      var parts = links[i].getAttribute("href").split("/");
      if (parts.length > 1 && parts[parts.length - 2] === "city" && parts[parts.length - 1] === id + ".html") {
        location.href = links[i].href;
        return;
      }
    }
  }

  // a year written as a period ("2020-21") on one line, as the export wrote it: a phone's line
  // ended with "2020-" (layouts/years.py, PERIOD: the same pattern, but for its "no digit before",
  // checked here by hand: a lookbehind stops the whole script parsing in Safari before 16.4)
  var PERIOD = /\d{4}[-\/\u2013]\d{2}(?:\d{2})?(?!\d)/g;

  function periods(node, said) {
    var at = 0, found;
    PERIOD.lastIndex = 0;
    while ((found = PERIOD.exec(said)) !== null) {
      if (/\d/.test(said.charAt(found.index - 1))) { continue; }
      node.appendChild(document.createTextNode(said.slice(at, found.index)));
      var kept = document.createElement("span");
      kept.className = "text-nowrap";
      kept.textContent = found[0];
      node.appendChild(kept);
      at = found.index + found[0].length;
    }
    node.appendChild(document.createTextNode(said.slice(at)));
  }

  // the first of `languages`' phrases `said` holds (the longest where two start together), or null
  function first_phrase(said, languages) {
    var found = null;
    Object.keys(languages).forEach(function (phrase) {
      var at = phrase ? said.indexOf(phrase) : -1;
      if (at >= 0 && (!found || at < found.at || (at === found.at && phrase.length > found.phrase.length))) {
        found = {at: at, phrase: phrase};
      }
    });
    return found;
  }

  // the data's words in another language than the page's tagged with it, as the export wrote them
  // (layouts/texts.py, tagged_phrases), so a screen reader switches voice; the rest with its
  // periods kept on one line
  function words(section, selector, value, languages) {
    var node = section.querySelector(selector);
    if (!node) { return; }
    var said = value || "", found;
    node.textContent = "";
    while ((found = first_phrase(said, languages || {})) !== null) {
      periods(node, said.slice(0, found.at));
      var tagged = document.createElement("span");
      tagged.lang = languages[found.phrase];
      tagged.textContent = found.phrase;
      node.appendChild(tagged);
      said = said.slice(found.at + found.phrase.length);
    }
    periods(node, said);
  }

  // tables become cards on a phone, each cell named by its column (site.css's data-label): the
  // names are put in here from the table's own header instead of being repeated in every cell of
  // the published pages (12 kB of a city page); without this script the tables stay tables
  function label(root) {
    root.querySelectorAll("table.card-rows").forEach(function (table) {
      var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent;
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, c) {
          if (cell.tagName === "TD" && names[c] !== undefined) { cell.setAttribute("data-label", names[c]); }
        });
      });
    });
  }
  label(document);
  document.documentElement.classList.add("tables-labelled");

  function apply(id, state) {
    var section = document.getElementById(id);
    if (!section) { return; }
    words(section, ".view-title", state.title, state.languages);
    words(section, ".view-subtitle", state.subtitle);
    words(section, ".view-summary", state.summary, state.languages);
    var problems = section.querySelector(".view-problems");
    if (problems) {
      problems.textContent = "";
      (state.problems || []).forEach(function (p) {
        var note = document.createElement("p");
        note.className = "alert alert-info py-1 small";
        note.textContent = p;
        problems.appendChild(note);
      });
    }
    var fold = section.querySelector(".view-fold");
    if (fold) { fold.innerHTML = state.fold || ""; }  // built at export from escaped text
    var rows = section.querySelector(".view-rows");
    if (rows) { rows.innerHTML = state.table || ""; label(rows); }  // built at export from escaped text
    var chart = section.querySelector(".view-chart");
    if (chart && state.title) { chart.setAttribute("aria-label", state.title); }
    var source = section.querySelector("script.view-figure");
    if (source && state.figure) {
      source.textContent = JSON.stringify(state.figure);
      if (window.Plotly && chart) { window.Plotly.purge(chart); }
      draw(section);
    }
  }

  // a state file is gzip (unless the host already undid that with Content-Encoding): unpack it here
  function unpack(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
      return JSON.parse(new TextDecoder("utf-8").decode(bytes));
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function fields(form) { return Array.prototype.slice.call(form.querySelectorAll("select[name]")); }

  function fileOf(form) {
    return form.getAttribute("data-states") + fields(form).map(function (f) { return slug(f.value || "all"); })
      .join("_") + ".json.gz";
  }

  function queryOf(forms) {
    var params = new URLSearchParams();
    forms.forEach(function (form) {
      fields(form).forEach(function (f) {
        if (f.value !== f.getAttribute("data-default")) { params.set(f.name, f.value); }
      });
    });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  function load(form, push, forms) {
    var status = document.getElementById(form.getAttribute("data-target") + "-status");
    return fetch(fileOf(form)).then(function (answer) {
      if (!answer.ok) { throw new Error(answer.status); }
      return answer.arrayBuffer();
    }).then(unpack).then(function (state) {
      Object.keys(state.sections).forEach(function (id) { apply(id, state.sections[id]); });
      var title = Object.values(state.sections)[0].title;
      if (status) { status.textContent = title; }
      // the tab, the history entry and a bookmark name the state shown: "<view> · <site>"
      if (title) { document.title = title + SITE_NAME; }
      if (push) {
        try { history.pushState(null, "", queryOf(forms)); } catch (error) { /* file: addresses */ }
      }
      document.body.setAttribute("data-state", fileOf(form));
    }).catch(function () {
      var note = form.nextElementSibling;
      if (note && note.classList.contains("state-offline")) { note.hidden = false; }
    });
  }

  function fromAddress(form) {
    var params = new URLSearchParams(location.search);
    var changed = false;
    fields(form).forEach(function (f) {
      var wanted = params.has(f.name) ? params.get(f.name) : f.getAttribute("data-default");
      var known = Array.prototype.some.call(f.options, function (o) { return o.value === wanted; });
      if (known && f.value !== wanted) { f.value = wanted; changed = true; }
    });
    return changed;
  }

  var forms = Array.prototype.slice.call(document.querySelectorAll("form.state-controls"));
  forms.forEach(function (form) {
    form.addEventListener("change", function () { load(form, true, forms); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (fromAddress(form)) { load(form, false, forms); }
  });
  window.addEventListener("popstate", function () {
    forms.forEach(function (form) { if (fromAddress(form)) { load(form, false, forms); } });
  });
  document.querySelectorAll(".view-card").forEach(draw);

  // "Find your city": the names of the places with a page, read when the box is first used
  var search = document.querySelector("form.city-search");
  if (search) {
    var box = search.querySelector("input"), suggestions = search.querySelector("datalist"), cities = null;
    var plain = function (text) {  // "São Paulo" is found as "sao paulo"
      return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
    };
    var names = function () {
      if (!cities) {
        cities = fetch(search.getAttribute("data-source")).then(function (answer) { return answer.json(); })
          .then(function (list) {
            list.forEach(function (city) {
              var option = document.createElement("option");
              option.value = city.label;
              suggestions.appendChild(option);
            });
            return list;
          });
      }
      return cities;
    };
    var open = function () {
      names().then(function (list) {
        var wanted = plain(box.value);
        // the label chosen from the list, else the one place of the name typed
        var found = list.filter(function (city) { return plain(city.label) === wanted; });
        if (!found.length) {
          found = list.filter(function (city) { return plain(city.label.split(", ")[0]) === wanted; });
        }
        if (found.length === 1) {
          location.href = search.getAttribute("data-pages") + found[0].id + ".html";
        } else if (found.length > 1) {  // two San Pedros: say so, rather than open one of them
          var hint = search.querySelector("#find-city-hint");
          if (hint) { hint.textContent = hint.getAttribute("data-several"); }
        }
      }).catch(function () { /* opened as a file: no suggestions */ });
    };
    box.addEventListener("focus", function () { names().catch(function () { /* opened as a file */ }); });
    box.addEventListener("change", open);
    search.addEventListener("submit", function (event) { event.preventDefault(); open(); });
  }

  // words as the app's search reads them: accents, case and punctuation aside ('okostrom' finds Ökostrom)
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  // the projects list: every project in one JSON file, filtered by goal, theme, status and words
  var filter = document.querySelector("form.project-filter");
  if (filter) {
    var list = document.querySelector(".project-list");
    var count = document.querySelector(".project-count");
    var placeNote = document.querySelector(".project-place");
    fetch(filter.getAttribute("data-source")).then(function (answer) { return answer.json(); })
      .then(function (listing) {
        // a filter with nothing to choose between is left out of the form (Berlin's themes)
        function chosen(name) { var field = filter.elements[name]; return field ? field.value : ""; }
        function show() {
          var goal = chosen("goal"), theme = chosen("theme"), status = chosen("status");
          var words = fold(filter.elements.q.value).split(" ").filter(Boolean);
          var place = filter.elements.place.value;
          var rows = listing.projects.filter(function (p) {
            var goals = String(p.goal_list || "").split(", ");
            var text = fold(String(p.title || "") + " " + String(p.place_name || ""));
            return (!place || p.place_id === place) &&
              (!goal || goals.indexOf(goal) >= 0) && (!theme || p.theme_key === theme) &&
              (!status || p.status_key === status) &&
              words.every(function (word) { return text.indexOf(word) >= 0; });  // as the app: every word
          });
          var table = document.createElement("table");
          table.className = "table table-sm table-striped card-rows";  // cards on a phone, like every table
          var head = table.createTHead().insertRow();
          listing.columns.forEach(function (c) {
            var th = document.createElement("th");
            th.scope = "col"; th.textContent = c.name; head.appendChild(th);
          });
          var body = table.createTBody();
          rows.forEach(function (p) {
            var row = body.insertRow();
            listing.columns.forEach(function (c) {
              var value = p[c.id];  // written as the page shows it (projects_pages.project_records)
              var cell = row.insertCell();
              cell.textContent = value === null || value === undefined ? "–" : String(value);
              if (c.id === "title" && p.lang) { cell.lang = p.lang; }  // a title in another language
            });
          });
          list.textContent = "";
          if (rows.length) {
            list.appendChild(table);
            label(list);
          } else {
            var none = document.createElement("p");
            none.textContent = filter.getAttribute("data-empty");
            list.appendChild(none);
          }
          var lang = document.documentElement.lang;
          count.textContent = rows.length.toLocaleString(lang) + " / " + listing.projects.length.toLocaleString(lang);
          var named = listing.projects.filter(function (p) { return p.place_id === place; })[0];
          placeNote.hidden = !place;
          placeNote.querySelector("span").textContent = place ?
            placeNote.getAttribute("data-words").replace("{place}", named ? named.place_name : place) : "";
          var params = new URLSearchParams();
          ["place", "goal", "theme", "status", "q"].forEach(function (k) {
            if (chosen(k)) { params.set(k, chosen(k)); }
          });
          try { history.replaceState(null, "", location.pathname + location.search +
                                     (params.toString() ? "#" + params.toString() : "")); } catch (e) { /* file: */ }
        }
        function fromHash() {  // a link's or an edited address's filter
          var wanted = new URLSearchParams(location.hash.slice(1));
          ["place", "goal", "theme", "status", "q"].forEach(function (k) {
            if (filter.elements[k]) { filter.elements[k].value = wanted.has(k) ? wanted.get(k) : ""; }
          });
        }
        fromHash();
        window.addEventListener("hashchange", function () { fromHash(); show(); });
        placeNote.querySelector("button").addEventListener("click", function () {
          filter.elements.place.value = "";
          show();
        });
        filter.addEventListener("input", show);
        filter.addEventListener("change", show);
        filter.addEventListener("submit", function (event) { event.preventDefault(); });
        show();
      }, function () {  // the list could not be read (opened as a file): not an error in `show`
        count.textContent = filter.getAttribute("data-offline") || "";
      });
  }
})();

// A city page's goal sections are folded shut; a goal tile's #goal-N link opens its section.
(function () {
  function open() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS" && !target.open) {
      target.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", open);
  open();
})();
