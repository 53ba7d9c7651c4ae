/* The map of the offers directory (Leaflet, static/vendor/leaflet/).
 *
 * A <figure data-offer-map data-places="#list"> gets a marker for each element of that
 * list with data-latitude and data-longitude; its popup names the place (data-label) and
 * links to the offer (the .offer-title link of the element's [data-offer]). The list is the
 * accessible equivalent, so the map is an aid for the eyes: its markers are not in the tab
 * order, and it stays hidden without JavaScript or without places. On the search page htmx
 * replaces the results, and with them the figure: the map is drawn again after each swap.
 */
(function () {
  "use strict";

  var drawn = []; // {figure, map} of the maps on the page

  function coordinate(value) {
    var number = parseFloat(value);
    return isFinite(number) ? number : null;
  }

  function placesOf(figure) {
    var list = document.querySelector(figure.dataset.places);
    var places = [];
    if (!list) {
      return places;
    }
    list.querySelectorAll("[data-latitude][data-longitude]").forEach(function (element) {
      var latitude = coordinate(element.dataset.latitude);
      var longitude = coordinate(element.dataset.longitude);
      if (latitude === null || longitude === null) {
        return;
      }
      var offer = element.closest("[data-offer]");
      places.push({
        at: [latitude, longitude],
        label: element.dataset.label || "",
        link: offer ? offer.querySelector(".offer-title a") : null,
      });
    });
    return places;
  }

  // The popup, built from nodes (no HTML strings): the offer's title as a link, and the place.
  function popupOf(place) {
    var box = document.createElement("div");
    box.className = "offer-map-popup";
    box.dir = document.documentElement.dir || "ltr";
    if (place.link) {
      var link = document.createElement("a");
      link.href = place.link.href;
      link.textContent = place.link.textContent;
      ["lang", "dir"].forEach(function (name) {
        if (place.link.hasAttribute(name)) {
          link.setAttribute(name, place.link.getAttribute(name));
        }
      });
      var title = document.createElement("strong");
      title.appendChild(link);
      box.appendChild(title);
    }
    if (place.label) {
      var label = document.createElement("p");
      label.textContent = place.label;
      box.appendChild(label);
    }
    return box;
  }

  function draw(figure) {
    var places = placesOf(figure);
    if (!places.length || typeof L === "undefined") {
      return;
    }
    figure.hidden = false;
    var data = figure.dataset;
    var map = L.map(figure.querySelector(".offer-map-canvas"), {
      zoomControl: false,
      keyboard: false, // the list is the way through the offers by keyboard
      scrollWheelZoom: false, // the page scrolls, not the map
      dragging: !L.Browser.mobile, // one finger scrolls the page on a phone; two move the map
    });
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    // Credit where it is due, without the flag Leaflet adds to its own name: the directory takes no sides.
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.tileLayer(data.tileUrl, { attribution: data.attribution, maxZoom: 19 }).addTo(map);
    // The icon's files by their addresses in the page (collectstatic renames them).
    var icon = L.icon({
      iconUrl: data.icon,
      iconRetinaUrl: data.icon2x,
      shadowUrl: data.shadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
    places.forEach(function (place) {
      var name = place.link ? place.link.textContent.trim() : place.label;
      L.marker(place.at, { icon: icon, keyboard: false, alt: name, title: name })
        .bindPopup(popupOf(place))
        .addTo(map);
    });
    map.fitBounds(
      places.map(function (place) {
        return place.at;
      }),
      { padding: [30, 30], maxZoom: 14 }
    );
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", data.close);
        close.title = data.close;
      }
    });
    drawn.push({ figure: figure, map: map });
  }

  function refresh() {
    drawn = drawn.filter(function (entry) {
      if (entry.figure.isConnected) {
        return true;
      }
      entry.map.remove();
      return false;
    });
    document.querySelectorAll("[data-offer-map]").forEach(function (figure) {
      var isDrawn = drawn.some(function (entry) {
        return entry.figure === figure;
      });
      if (!isDrawn) {
        draw(figure);
      }
    });
  }

  refresh(); // loaded with defer: the page is parsed
  document.addEventListener("htmx:afterSettle", refresh);
})();
