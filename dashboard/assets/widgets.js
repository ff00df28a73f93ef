// The dashboard's own input widgets (dashboard/widgets.py): a native <select>, a native range for
// years and a native <dialog>. Each is a few lines of React over an HTML element the browser
// already makes keyboard- and screen-reader-friendly, so the pages need no widget library's
// script (dash-bootstrap-components' was 54 KB compressed on every page).
(function () {
  const React = window.React;
  const h = React.createElement;

  // Attributes a widget passes on to its element: its id, classes and ARIA or data attributes.
  function passed(props, names) {
    const out = {};
    Object.keys(props).forEach(function (name) {
      if (names.indexOf(name) >= 0 || name.startsWith("aria-") || name.startsWith("data-")) {
        if (props[name] !== null && props[name] !== undefined) { out[name] = props[name]; }
      }
    });
    return out;
  }

  // A value chosen with the keyboard reaches the dashboard once the keys have rested (SETTLE_MS):
  // arrowing through ten years on a closed select asked for ten answers, and a screen reader read
  // out ten summaries, one per year passed. A pointer's choice goes at once; leaving the field
  // sends a waiting one.
  const SETTLE_MS = 700;
  function useSettled(commit) {
    const state = React.useRef({keyed: false, timer: null, pending: null});
    const latest = React.useRef(commit);
    latest.current = commit;
    React.useEffect(function () {
      return function () { clearTimeout(state.current.timer); };
    }, []);
    function flush() {
      const s = state.current;
      clearTimeout(s.timer);
      s.timer = null;
      if (s.pending !== null) { const next = s.pending; s.pending = null; latest.current(next); }
    }
    return {
      keyDown: function () { state.current.keyed = true; },
      keyUp: function () { state.current.keyed = false; },
      // Tab's keydown lands here and its keyup on the next field: leaving, or pointing, ends the keys
      pointerDown: function () { state.current.keyed = false; },
      flush: function () { state.current.keyed = false; flush(); },
      changed: function (next) {
        const s = state.current;
        s.pending = next;
        if (!s.keyed) { flush(); return; }
        clearTimeout(s.timer);
        s.timer = setTimeout(flush, SETTLE_MS);
      },
    };
  }

  // A native select. `placeholder` is a first option with the value "" (for "all") when the options
  // have none; `value` is always a string, as the browser gives it.
  function Select(props) {
    const options = props.options || [];
    const value = props.value === null || props.value === undefined ? "" : String(props.value);
    const items = options.map(function (option) {
      return h("option", {key: String(option.value), value: String(option.value), disabled: !!option.disabled,
                          lang: option.lang || undefined}, String(option.label));
    });
    if (props.placeholder && !options.some(function (o) { return String(o.value) === ""; })) {
      items.unshift(h("option", {key: "", value: ""}, props.placeholder));
    }
    const [shown, setShown] = React.useState(value);
    React.useEffect(function () { setShown(value); }, [value]);
    const settle = useSettled(function (next) { if (next !== value) { props.setProps({value: next}); } });
    const own = passed(props, ["id", "className", "style", "title", "disabled", "name"]);
    own.className = own.className || "form-select";
    own.value = shown;
    own.onKeyDown = settle.keyDown;
    own.onKeyUp = settle.keyUp;
    own.onPointerDown = settle.pointerDown;
    own.onBlur = settle.flush;
    own.onChange = function (event) { setShown(event.target.value); settle.changed(event.target.value); };
    return h("select", own, items);
  }

  // Radio buttons (one value, a string) or check boxes (`multi`: a list of strings), each a native
  // input with its own label, laid out by Bootstrap's form-check classes. The group's name comes
  // from the <fieldset>'s <legend> the page puts around it.
  function Choices(props) {
    const multi = !!props.multi;
    const chosen = multi ? (props.value || []).map(String)
      : [props.value === null || props.value === undefined ? "" : String(props.value)];
    const boxes = (props.options || []).map(function (option, index) {
      const value = String(option.value);
      const id = props.id + "-" + index;
      return h("div", {key: value, className: "form-check" + (props.inline ? " form-check-inline" : "")},
        h("input", {className: "form-check-input", type: multi ? "checkbox" : "radio", id: id, name: props.id,
                    value: value, checked: chosen.indexOf(value) >= 0, disabled: !!option.disabled,
                    onChange: function (event) {
                      if (!multi) { props.setProps({value: value}); return; }
                      const next = event.target.checked ? chosen.concat([value])
                        : chosen.filter(function (v) { return v !== value; });
                      props.setProps({value: (props.options || []).map(function (o) { return String(o.value); })
                        .filter(function (v) { return next.indexOf(v) >= 0; })});
                    }}),
        h("label", {className: "form-check-label", htmlFor: id}, String(option.label)));
    });
    const own = passed(props, ["id", "className", "style", "title"]);
    return h("div", own, boxes);
  }

  // A native range of whole numbers (years). The value shown beside it follows the thumb at once;
  // the dashboard hears of a new value when the thumb is let go or the keys that moved it rest, so
  // dragging across ten years asks for one answer, not ten. `marks` are the numbers written under it.
  function YearRange(props) {
    const value = props.value === null || props.value === undefined ? props.min : Number(props.value);
    const [shown, setShown] = React.useState(value);
    React.useEffect(function () { setShown(value); }, [value]);
    const own = passed(props, ["id", "title", "disabled"]);
    Object.assign(own, {
      type: "range", className: "form-range", min: props.min, max: props.max, step: props.step || 1,
      value: shown, "aria-valuetext": String(shown),
      onInput: function (event) { setShown(Number(event.target.value)); },
      onChange: function (event) { setShown(Number(event.target.value)); },
    });
    const settle = useSettled(function (next) { if (next !== value) { props.setProps({value: next}); } });
    own.onPointerDown = settle.pointerDown;
    own.onPointerUp = function (event) { settle.changed(Number(event.target.value)); settle.flush(); };
    own.onKeyDown = settle.keyDown;
    own.onKeyUp = function (event) {  // a key that moved the thumb: sent once the keys rest
      // always, even back to the value shown: 2020 -> 2021 -> 2020 within the rest sent 2021
      settle.changed(Number(event.target.value));
      settle.keyUp();
    };
    own.onBlur = settle.flush;
    const span = props.max - props.min || 1;
    const marks = (props.marks || []).map(function (mark) {
      return h("span", {key: mark, className: "year-range-mark", style: {left: (100 * (mark - props.min) / span) + "%"}},
        String(mark));
    });
    return h("div", {className: ["year-range", props.className].filter(Boolean).join(" ")},
      h("div", {className: "year-range-row"}, h("input", own),
        h("output", {className: "year-range-value", htmlFor: props.id, "aria-hidden": "true"}, String(shown))),
      h("div", {className: "year-range-marks", "aria-hidden": "true"}, marks));
  }

  // A modal native <dialog>: open while `is_open`; Escape, the close button or a click on the
  // backdrop close it and tell the dashboard. The browser keeps focus inside and gives it back.
  function Dialog(props) {
    const ref = React.useRef(null);
    React.useEffect(function () {
      const dialog = ref.current;
      if (!dialog) { return; }
      if (props.is_open && !dialog.open) { dialog.showModal(); }
      if (!props.is_open && dialog.open) { dialog.close(); }
    }, [props.is_open]);
    function closed() { if (props.is_open) { props.setProps({is_open: false}); } }
    const own = passed(props, ["id", "className"]);
    Object.assign(own, {
      ref: ref, "aria-labelledby": props.id + "-title",
      onClose: closed,
      onClick: function (event) { if (event.target === ref.current) { ref.current.close(); } },
    });
    own.className = ["site-dialog", own.className].filter(Boolean).join(" ");
    return h("dialog", own,
      h("div", {className: "modal-content"},
        h("div", {className: "modal-header"},
          h("h2", {className: "modal-title h5", id: props.id + "-title"}, props.title),
          h("button", {type: "button", className: "btn-close", "aria-label": props.close_label || "Close",
                       onClick: function () { ref.current.close(); }})),
        h("div", {className: "modal-body"}, props.children)));
  }

  window.city_sdg = Object.assign({}, window.city_sdg, {Select: Select, Choices: Choices, YearRange: YearRange,
    Dialog: Dialog});
})();
