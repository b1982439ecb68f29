/* The map of poles: Leaflet markers read from the JSON the page carries (no inline script,
   strict CSP). Without a tile URL the map shows the markers alone. */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function popup(marker) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.name;
    var kind = document.createElement("div");
    kind.textContent = marker.kind;
    box.appendChild(link);
    box.appendChild(kind);
    return box;
  }

  function escapeHtml(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function init() {
    var element = document.getElementById("pole-map");
    if (!element || typeof L === "undefined") return;
    var markers = readJson(element.dataset.markers) || [];
    var config = readJson(element.dataset.config) || {};
    // No fade: a popup read while it fades in has too little contrast (and motion is not needed).
    var map = L.map(element, { scrollWheelZoom: false, attributionControl: true, fadeAnimation: false });
    map.attributionControl.setPrefix(false);
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { maxZoom: 18, attribution: escapeHtml(config.attribution || "") }).addTo(map);
    }
    var points = [];
    markers.forEach(function (item) {
      var point = [item.lat, item.lng];
      points.push(point);
      L.marker(point, { title: item.name, alt: item.name, keyboard: true }).bindPopup(popup(item)).addTo(map);
    });
    if (points.length === 1) {
      map.setView(points[0], 9);
    } else if (points.length > 1) {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 10 });
    } else {
      map.setView([46.6, 2.4], 5); // metropolitan France
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
