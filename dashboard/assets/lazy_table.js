// dash_table's script (8 KB compressed, 34 KB to run) only on a page that draws a DataTable (the
// projects table), not on every page: DashboardApp leaves its address in a data block
// (#dash-table-bundle) instead of a script tag, and this stand-in loads it when a DataTable is
// first drawn. The bundle then puts the real library in place; later tables use it directly.
(function () {
  const React = window.React;
  if (window.dash_table || !React) { return; }
  let loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        const block = document.getElementById("dash-table-bundle");
        if (!block) { reject(new Error("no address for dash_table")); return; }
        const script = document.createElement("script");
        script.src = JSON.parse(block.textContent);
        script.onload = resolve;
        script.onerror = function () { loading = null; reject(new Error("dash_table could not be loaded")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function DataTable(props) {
    const [real, setReal] = React.useState(null);
    React.useEffect(function () {
      let mounted = true;
      load().then(function () {
        if (mounted && window.dash_table.DataTable !== DataTable) {
          setReal(function () { return window.dash_table.DataTable; });
        }
      });
      return function () { mounted = false; };
    }, []);
    return real ? React.createElement(real, props)
      : React.createElement("div", {id: props.id, className: "table-loading", role: "status"}, "…");
  }

  window.dash_table = {DataTable: DataTable};
})();
