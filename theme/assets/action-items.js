// Filters for the action-item table. Progressive enhancement: without this script the full table is shown;
// with it, selects for status, priority, owner and service hide the rows that do not match. The choice is kept
// in the address (?status=overdue&owner=...), so a filtered view can be shared.
(function () {
  "use strict";
  var table = document.getElementById("action-items-table");
  var box = document.getElementById("action-filters");
  var status = document.getElementById("action-filter-status");
  if (!table || !box || !status) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);

  function services(row) {
    try { return JSON.parse(row.getAttribute("data-services") || "[]"); } catch (e) { return []; }
  }
  function distinct(values) {
    var seen = {};
    return values.filter(function (v) { if (seen[v]) { return false; } seen[v] = true; return true; })
      .sort(function (a, b) { return a.localeCompare(b); });
  }

  var statusNames = { open: "Open (not done or dropped)", overdue: "Overdue", todo: "To do", in_progress: "In progress",
    blocked: "Blocked", unspecified: "No status given", done: "Done", dropped: "Dropped" };
  var priorityNames = { high: "High", medium: "Medium", low: "Low", unspecified: "Unspecified" };
  var present = {};
  rows.forEach(function (r) { present[r.getAttribute("data-status")] = true; present[r.getAttribute("data-priority") + "-p"] = true; });

  var filters = [
    { key: "status", label: "Status", options: ["open", "overdue"].concat(Object.keys(statusNames).slice(2).filter(function (s) { return present[s]; })),
      names: statusNames,
      test: function (row, value) {
        if (value === "open") { return row.getAttribute("data-open") === "true"; }
        if (value === "overdue") { return row.getAttribute("data-overdue") === "true"; }
        return row.getAttribute("data-status") === value;
      } },
    { key: "priority", label: "Priority", options: Object.keys(priorityNames).filter(function (p) { return present[p + "-p"]; }), names: priorityNames,
      test: function (row, value) { return row.getAttribute("data-priority") === value; } },
    { key: "owner", label: "Owner", options: distinct(rows.map(function (r) { return r.getAttribute("data-owner"); })),
      test: function (row, value) { return row.getAttribute("data-owner") === value; } },
    { key: "service", label: "Service", options: distinct([].concat.apply([], rows.map(services))),
      test: function (row, value) { return services(row).indexOf(value) >= 0; } }
  ];

  var params = new URLSearchParams(window.location.search);
  filters.forEach(function (f) {
    var id = "action-filter-" + f.key;
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = f.label;
    var select = document.createElement("select");
    select.id = id;
    select.name = f.key;
    select.add(new Option("All", ""));
    f.options.forEach(function (value) { select.add(new Option(f.names && f.names[value] || value, value)); });
    var wanted = params.get(f.key);
    if (wanted && f.options.indexOf(wanted) >= 0) { select.value = wanted; }
    select.addEventListener("change", apply);
    f.select = select;
    var field = document.createElement("div");
    field.className = "filter-field";
    field.appendChild(label);
    field.appendChild(select);
    box.appendChild(field);
  });
  var reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = "Clear filters";
  reset.addEventListener("click", function () { filters.forEach(function (f) { f.select.value = ""; }); apply(); });
  box.appendChild(reset);
  box.hidden = false;

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = filters.every(function (f) { return !f.select.value || f.test(row, f.select.value); });
      row.hidden = !match;
      if (match) { shown++; }
    });
    status.textContent = "Showing " + shown + " of " + rows.length + " action items.";
    var query = new URLSearchParams();
    filters.forEach(function (f) { if (f.select.value) { query.set(f.key, f.select.value); } });
    var search = query.toString();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }
  }
  apply();
})();
