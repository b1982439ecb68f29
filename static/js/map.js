/* Maps of a pole (its directory, its territory): Leaflet with clustered markers, read from
   the JSON the page carries (no inline script, strict CSP). Tiles are a bonus: on a plain
   background the markers and the communes' dots still read, and a note says the base map
   is missing; the table under every map gives the same information. */
(function () {
  "use strict";

  function readJson(id) {
    var node = id && document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function escapeHtml(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function popup(item) {
    var box = document.createElement("div");
    if (item.url) {
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.name;
      box.appendChild(link);
    } else {
      var strong = document.createElement("strong");
      strong.textContent = item.name;
      box.appendChild(strong);
    }
    if (item.detail || item.commune) {
      var more = document.createElement("div");
      more.textContent = item.detail || item.commune;
      box.appendChild(more);
    }
    return box;
  }

  function offlineNote(element) {
    if (element.dataset.offlineShown) return;
    element.dataset.offlineShown = "1";
    element.classList.add("tiles-unavailable");
    var note = document.createElement("p");
    note.className = "map-offline muted";
    note.textContent = element.dataset.offline || "";
    element.parentNode.insertBefore(note, element.nextSibling);
  }

  function draw(element) {
    var markers = readJson(element.dataset.markers) || [];
    var config = readJson(element.dataset.config) || {};
    var map = L.map(element, { scrollWheelZoom: false, fadeAnimation: false });
    map.attributionControl.setPrefix(false);
    if (config.tileUrl) {
      var tiles = L.tileLayer(config.tileUrl, { maxZoom: 18, attribution: escapeHtml(config.attribution || "") });
      tiles.on("tileerror", function () { offlineNote(element); });
      tiles.addTo(map);
    } else {
      offlineNote(element);
    }
    var points = [];
    // Dots for places (a territory's communes): always drawn, they outline the area.
    markers.filter(function (m) { return m.kind === "place"; }).forEach(function (item) {
      var point = [item.lat, item.lng];
      points.push(point);
      L.circleMarker(point, { radius: 6, color: "#0b5c4d", weight: 2, fillColor: "#ffffff", fillOpacity: 1 })
        .bindTooltip(item.name)
        .bindPopup(popup(item))
        .addTo(map);
    });
    var pins = markers.filter(function (m) { return m.kind !== "place"; });
    var layer = typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 })
      : L.layerGroup();
    pins.forEach(function (item) {
      var point = [item.lat, item.lng];
      points.push(point);
      layer.addLayer(L.marker(point, { title: item.name, alt: item.name, keyboard: true }).bindPopup(popup(item)));
    });
    layer.addTo(map);
    if (points.length === 1) {
      map.setView(points[0], 12);
    } else if (points.length > 1) {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 13 });
    } else {
      map.setView([46.6, 2.4], 5); // metropolitan France
    }
  }

  function init() {
    if (typeof L === "undefined") return;
    document.querySelectorAll(".area-map").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
