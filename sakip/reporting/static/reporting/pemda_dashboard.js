/* The Pemda dashboard's chart (reporting/pemda_dashboard.html): data from the json_script "pemda-data",
   labels from the data- attributes of #pemda-labels (no inline script: docs/security.md). */
(function () {
  const data = JSON.parse(document.getElementById("pemda-data").textContent);
  const C = window.sakipCharts;
  const el = document.getElementById("chart-pemda");
  const chart = echarts.init(el);
  const T = document.getElementById("pemda-labels").dataset; // iku, lke, year, previous
  const names = [T.iku + " " + T.previous, T.iku + " " + T.year, T.lke + " " + T.year];
  chart.setOption(C.localize({
    tooltip: {trigger: "axis"}, legend: {top: 0, data: names},
    grid: {left: 40, right: 10, bottom: 30, top: 50, containLabel: true},
    xAxis: {type: "category", data: data.opds, axisLabel: {interval: 0, rotate: data.opds.length > 8 ? 45 : 0}},
    yAxis: {type: "value", min: 0},
    series: [
      {name: names[0], type: "bar", data: data.iku_prev, itemStyle: {color: "#9bb7d4"}},
      {name: names[1], type: "bar", data: data.iku, itemStyle: {color: "#2f5d8a"}, label: {show: true, position: "top", formatter: (p) => C.num(p.value, 2, true)}},
      {name: names[2], type: "line", data: data.lke, itemStyle: {color: "#c7792b"}, connectNulls: false}
    ]
  }));
  window.addEventListener("resize", () => chart.resize());
})();
