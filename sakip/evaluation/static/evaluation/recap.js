/* The evaluation recap's charts (evaluation/recap.html): data from the json_script "recap-data", labels from
   the data- attributes of #recap-labels (no inline script: docs/security.md). */
(function () {
  const data = JSON.parse(document.getElementById("recap-data").textContent);
  const C = window.sakipCharts;
  const T = document.getElementById("recap-labels").dataset; // year, previous, component
  const total = echarts.init(document.getElementById("chart-total"));
  total.setOption(C.localize({
    tooltip: {trigger: "axis"}, legend: {top: 0, data: [T.year, T.previous]}, grid: {left: 40, right: 10, bottom: 30, top: 40, containLabel: true},
    xAxis: {type: "category", data: data.opds}, yAxis: {type: "value", min: 0, max: 100},
    series: [{name: T.year, type: "bar", data: data.totals, label: {show: true, position: "top", formatter: (p) => C.num(p.value, 2, true)}}, {name: T.previous, type: "bar", data: data.previous}]
  }));
  const comp = echarts.init(document.getElementById("chart-components"));
  comp.setOption(C.localize({
    tooltip: {trigger: "axis"}, legend: {top: 0}, grid: {left: 40, right: 10, bottom: 30, top: 40, containLabel: true},
    xAxis: {type: "category", data: data.opds}, yAxis: {type: "value"},
    series: Object.keys(data.components).map(c => ({name: T.component + " " + c, type: "bar", stack: "k", data: data.components[c]}))
  }));
  window.addEventListener("resize", () => { total.resize(); comp.resize(); });
})();
