/* Maps of a pole (its directory, its territory): Leaflet with clustered markers, read from
   the JSON the page carries (no inline script, strict CSP). Tiles are a bonus: the outlines
   of the territory's communes, served by the platform itself (data-outlines), are drawn
   under the markers, so that on a plain background the map still shows where things are,
   and a note says the base map is missing; the table under every map gives the same
   information. */
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
    // The note is in the page (set in French typography like any text), hidden until needed.
    var written = element.dataset.offlineNote && document.getElementById(element.dataset.offlineNote);
    if (written) {
      written.hidden = false;
      return;
    }
    var note = document.createElement("p");
    note.className = "map-offline muted";
    note.textContent = element.dataset.offline || "";
    element.parentNode.insertBefore(note, element.nextSibling);
  }

  // The outlines arrive after the markers: the view then fits the whole territory with
  // every marker on it.
  function drawOutlines(map, element, points) {
    fetch(element.dataset.outlines, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pane: "outlines",
          interactive: false,
          attribution: escapeHtml(element.dataset.outlinesAttribution || ""),
          style: { className: "map-outline", color: "#0b5c4d", weight: 1, opacity: 0.9, fillColor: "#0b5c4d", fillOpacity: 0.06 },
        }).addTo(map);
        element.dataset.outlinesDrawn = String(data.features.length);
        var bounds = layer.getBounds();
        if (!bounds.isValid()) return;
        points.forEach(function (point) { bounds.extend(point); });
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
      })
      .catch(function () {
        element.dataset.outlinesDrawn = "0";
      });
  }

  function draw(element) {
    var markers = readJson(element.dataset.markers) || [];
    var config = readJson(element.dataset.config) || {};
    var map = L.map(element, { scrollWheelZoom: false, fadeAnimation: false });
    map.attributionControl.setPrefix(false);
    // Under the overlay pane (the communes' dots, z-index 400) and the markers.
    map.createPane("outlines").style.zIndex = 350;
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
    if (element.dataset.outlines) drawOutlines(map, element, points);
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
