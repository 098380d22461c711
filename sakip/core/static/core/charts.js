/* Numbers in charts as the tables write them (docs/ui.md): 1.000 and 69,05 in Indonesian, never the
   1,000 / 69.05 that ECharts prints by default. The page language picks the locale (id → id-ID). */
(function () {
  const locale = (document.documentElement.lang || "id").toLowerCase().startsWith("en") ? "en-GB" : "id-ID";
  const cache = {};
  function formatter(digits, fixed) {
    const key = digits + ":" + fixed;
    if (!cache[key]) {
      cache[key] = new Intl.NumberFormat(locale, {
        minimumFractionDigits: fixed ? digits : 0,
        maximumFractionDigits: digits,
      });
    }
    return cache[key];
  }
  function blank(value) {
    return value === null || value === undefined || value === "" || Number.isNaN(Number(value));
  }
  // num(1234.5) → "1.234,5"; num(69.05, 2, true) → "69,05"; a missing value → "–".
  function num(value, digits, fixed) {
    if (value && typeof value === "object" && "value" in value) value = value.value;
    if (blank(value)) return "–";
    return formatter(digits === undefined ? 2 : digits, !!fixed).format(Number(value));
  }
  function pct(value, digits) {
    const text = num(value, digits === undefined ? 2 : digits, true);
    return text === "–" ? text : text + "%";
  }
  function axes(option, key) {
    const list = option[key] === undefined ? [] : Array.isArray(option[key]) ? option[key] : [option[key]];
    list.forEach((axis) => {
      if (axis.type === "value" || axis.type === "log") {
        axis.axisLabel = Object.assign({ formatter: (v) => num(v) }, axis.axisLabel || {});
      }
    });
  }
  // localize(option): value axes and tooltips in the page's number format (explicit formatters win).
  // Tooltips are drawn on the canvas (renderMode "richText"), not as HTML: ECharts' HTML tooltips carry
  // style="" attributes, which the Content-Security-Policy refuses, and a formatter's text (step names,
  // unit names typed by users) would otherwise be inserted as markup. A formatter returns plain text with "\n".
  function localize(option) {
    axes(option, "xAxis");
    axes(option, "yAxis");
    if (option.tooltip) {
      option.tooltip.renderMode = "richText";
      if (!option.tooltip.formatter) {
        option.tooltip.valueFormatter = option.tooltip.valueFormatter || ((v) => num(v));
      }
    }
    return option;
  }
  window.sakipCharts = { num: num, pct: pct, localize: localize };
})();
