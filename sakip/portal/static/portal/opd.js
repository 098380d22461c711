/* The public OPD page's chart (portal/opd.html), data from the json_script "portal-chart" (no inline script:
   docs/security.md). */
(function () {
  const data = JSON.parse(document.getElementById("portal-chart").textContent);
  const C = window.sakipCharts;
  const chart = echarts.init(document.getElementById("chart-capaian"));
  chart.setOption(C.localize({
    tooltip: {trigger: "axis"}, legend: {type: "scroll", top: 0},
    grid: {left: 30, right: 10, bottom: 20, top: 40, containLabel: true},
    xAxis: {type: "category", data: data.years}, yAxis: {type: "value", min: 0},
    series: data.series.map((s) => ({name: s.name, type: "bar", data: s.data}))
  }));
  window.addEventListener("resize", () => chart.resize());
})();
