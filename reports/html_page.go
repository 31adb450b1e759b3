package reports

// pageTemplate is the HTML report page, an html/template executed after
// go-echarts' "header" template (the <head>: page title and the
// customized headers). Everything it prints is escaped for its context;
// the chart options are HTML-safe JSON (template.JS).
const pageTemplate = `{{define "report"}}<!DOCTYPE html>
<html lang="en">
{{- template "header" .Page}}
<body>
<main>
<header class="top">
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
{{- with .Description}}
<p class="desc">{{.}}</p>
{{- end}}
</header>
<div class="grid">
<section class="card">
<h2>Settings</h2>
<table class="kv">
{{- range .Settings}}
<tr><th>{{.Key}}</th><td>{{.Value}}</td></tr>
{{- end}}
</table>
{{- range .Tables}}{{template "table" .}}{{end}}
</section>
<section class="card">
{{- range $i, $t := .Results}}{{template "table" $t}}{{end}}
</section>
{{- range .Charts}}{{template "chart" .}}{{end}}
</div>
{{- template "footer" .}}
</main>
<script>
"use strict";
(function () {
  var bandLow = {{.BandLow}}, bandName = {{.BandName}};
{{- template "drawjs"}}
  var formatters = {
    // A mean with its confidence band, drawn as a hidden lower line and
    // the band's width stacked on it: one line "95 % CI: lo to hi".
    band: function () { return function (ps) { return bandTip(ps, bandLow, bandName, "%", 1); }; },
    // A heatmap cell: its interval (the item's name) and value, a share.
    heat: function () { return function (p) {
      var v = p.value && p.value[2];
      return esc(p.seriesName) + "<br>" + p.marker + esc(p.name) + ": " + (isValue(v) ? Number(v).toFixed(1) + " %" : "-");
    }; }
  };
{{- range .Charts}}
  draw({{.ID}}, {{.Option}}, {{.Tooltip}});
{{- end}}
})();
</script>
</body>
</html>
{{end}}
{{define "chart"}}
<figure class="card chart{{if .Wide}} wide{{end}}">
<div class="plot" id="{{.ID}}" style="height: {{.Height}}px"></div>
{{- with .Caption}}
<figcaption>{{.}}</figcaption>
{{- end}}
</figure>
{{- end}}
{{define "footer"}}
<footer>Made by ccsim. Charts drawn with Apache ECharts {{.EChartsVersion}}, inlined in this file (Apache License 2.0).</footer>
{{- end}}
{{define "drawjs"}}
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function isValue(v) { return v !== "-" && v !== null && v !== undefined && !isNaN(Number(v)); }
  // bandTip is the tooltip of a mean with its band, the band drawn as a
  // hidden lower edge (series low) and its width stacked on it (series
  // name): the band is one line, "name: lo to hi", each value to prec
  // digits with its unit.
  function bandTip(ps, low, name, unit, prec) {
    if (!ps || !ps.length) { return ""; }
    var lo = null, rows = [], u = unit ? (unit === "%" ? " %" : " " + unit) : "";
    ps.forEach(function (p) {
      var ok = isValue(p.value), v = Number(p.value);
      if (p.seriesName === low) { lo = ok ? v : null; return; }
      if (p.seriesName === name) {
        if (ok && lo !== null) {
          rows.push(p.marker + esc(name) + ": " + lo.toFixed(prec) + " to " + (lo + v).toFixed(prec) + u);
        }
        return;
      }
      rows.push(p.marker + esc(p.seriesName) + ": " + (ok ? v.toFixed(prec) + u : "-"));
    });
    return esc(ps[0].axisValueLabel) + "<br>" + rows.join("<br>");
  }
  // draw renders one chart; a named tooltip formatter, made for the
  // chart's unit and precision, replaces ECharts' default tooltip.
  function draw(id, option, tooltip, unit, prec) {
    var chart = echarts.init(document.getElementById(id), null, {renderer: "svg"});
    if (tooltip && formatters[tooltip]) {
      option.tooltip = option.tooltip || {};
      option.tooltip.formatter = formatters[tooltip](unit, prec);
    }
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }
{{- end}}
{{define "table"}}
<h2>{{.Title}}</h2>
{{- if .KV}}
<table class="kv">
{{- range .Rows}}
<tr>{{range $i, $c := .}}{{if eq $i 0}}<th>{{$c.Text}}</th>{{else}}<td>{{$c.Text}}</td>{{end}}{{end}}</tr>
{{- end}}
</table>
{{- else}}
<table>
<thead><tr>{{range $i, $h := .Header}}<th{{if $.IsNum $i}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{range $i, $c := .}}<td{{with $.CellClass $i $c}} class="{{.}}"{{end}}>{{$c.Text}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
{{- end}}
{{- with .Note}}
<p class="note">{{.}}</p>
{{- end}}
{{end}}`

// pageCSS styles the report page.
const pageCSS = `
*{box-sizing:border-box}
body{margin:0;background:#f3f5f8;color:#1f2933;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif}
main{max-width:1280px;margin:0 auto;padding:20px 24px 32px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:15px;margin:14px 0 6px}
.card>h2:first-child{margin-top:0}
.sub{margin:0;color:#52606d}
.desc{margin:8px 0 0;max-width:110ch}
.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px;margin-top:16px}
.card{background:#fff;border:1px solid #d9e2ec;border-radius:6px;padding:14px 16px;margin:0;min-width:0}
.wide{grid-column:1/-1}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}
thead th{border-bottom:2px solid #cbd2d9;white-space:nowrap}
table.kv th{width:1%;white-space:nowrap;color:#52606d;font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.met{color:#18794e;font-weight:600}
.missed{color:#c0392b;font-weight:600}
.unsure{color:#b7791f;font-weight:600}
.note,figcaption{color:#52606d;font-size:12.5px;margin:6px 0 0}
.plot{width:100%}
footer{margin-top:16px;color:#7b8794;font-size:12px}
@media (max-width:900px){.grid{grid-template-columns:1fr}}
`
