/* The period dashboard's charts (reporting/dashboard.html): data from the json_script "dashboard-data",
   translated labels from the data- attributes of #dashboard-labels (no inline script: docs/security.md). */
(function () {
  const data = JSON.parse(document.getElementById("dashboard-data").textContent);
  const C = window.sakipCharts;
  const T = document.getElementById("dashboard-labels").dataset; // standard, actual, step, minutes, filled, capaian
  const charts = [];
  function make(id, option) { const el = document.getElementById(id); if (!el || !window.echarts) return; const c = echarts.init(el); c.setOption(C.localize(option)); charts.push(c); }
  const pctLabel = { show: true, position: "right", formatter: (p) => C.pct(p.value) };
  const target = { symbol: "none", label: { show: false }, data: [{ xAxis: 100 }], lineStyle: { type: "dashed", color: "#666" } };
  make("chart-steps", {
    tooltip: { trigger: "axis", formatter: (p) => { const i = p[0].dataIndex; return `${data.steps.labels[i]}. ${data.steps.names[i]}\n` + p.map(x => `${x.marker}${x.seriesName}: ${C.num(x.value)}`).join("\n"); } },
    legend: { top: 0, data: [T.standard, T.actual] }, grid: { left: 56, right: 16, top: 40, bottom: 40 },
    xAxis: { type: "category", data: data.steps.labels, name: T.step, nameLocation: "middle", nameGap: 24 }, yAxis: { type: "log", name: T.minutes, min: 1 },
    series: [{ name: T.standard, type: "bar", data: data.steps.standard, itemStyle: { color: "#9fb6cd" } },
             { name: T.actual, type: "bar", data: data.steps.actual.map((v, i) => v === null ? null : { value: Math.max(v, 1), itemStyle: { color: data.steps.late[i] ? "#dc3545" : "#198754" } }) }],
  });
  // grid.right leaves room for the value label at the end of the longest bar ("100,00%" was cut off).
  make("chart-units", {
    tooltip: { trigger: "axis", valueFormatter: (v) => C.pct(v, 0) }, grid: { left: 90, right: 56, top: 10, bottom: 30 },
    xAxis: { type: "value", max: 100 }, yAxis: { type: "category", data: data.units.labels, inverse: true },
    series: [{ name: T.filled, type: "bar", data: data.units.filled, itemStyle: { color: "#1f4e79" }, label: { show: true, position: "right", formatter: (p) => C.pct(p.value, 0) } }],
  });
  make("chart-sasaran", {
    tooltip: { trigger: "axis", valueFormatter: (v) => C.pct(v) }, grid: { left: 10, right: 72, top: 10, bottom: 30, containLabel: true },
    xAxis: { type: "value" }, yAxis: { type: "category", data: data.sasaran.labels, inverse: true, axisLabel: { width: 220, overflow: "truncate" } },
    series: [{ type: "bar", name: T.capaian, data: data.sasaran.capaian.map((v, i) => ({ value: v, itemStyle: { color: data.sasaran.colors[i] } })), label: pctLabel, markLine: target }],
  });
  make("chart-unit-capaian", {
    tooltip: { trigger: "axis", valueFormatter: (v) => C.pct(v) }, grid: { left: 90, right: 72, top: 10, bottom: 30 },
    xAxis: { type: "value" }, yAxis: { type: "category", data: data.units.labels, inverse: true },
    series: [{ type: "bar", name: T.capaian, data: data.units.capaian.map((v, i) => ({ value: v, itemStyle: { color: data.units.colors[i] } })), label: pctLabel, markLine: target }],
  });
  window.addEventListener("resize", () => charts.forEach(c => c.resize()));
})();
