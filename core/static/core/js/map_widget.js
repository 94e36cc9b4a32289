/* global ol, MapWidget */
'use strict';
// Starts Django's MapWidget (gis/js/OLMapWidget.js) for every Makon map on the page, over a
// background drawn from Makon's own district outlines: the network may have no internet, so
// there are no remote tiles. Options come from a JSON script element, so no inline script.
(function() {
    const contextStyle = new ol.style.Style({
        stroke: new ol.style.Stroke({color: '#5f6f7f', width: 1.2}),
        fill: new ol.style.Fill({color: 'rgba(95, 111, 127, 0.06)'})
    });

    function contextLayer(url) {
        const source = new ol.source.Vector();
        const format = new ol.format.GeoJSON();
        // Fetched by hand rather than through the source's url option so that a missing or
        // failing endpoint only leaves the background empty.
        fetch(url, {
            credentials: 'same-origin',
            headers: {Accept: 'application/geo+json, application/json'}
        }).then(function(response) {
            return response.ok ? response.json() : null;
        }).then(function(collection) {
            if (collection && collection.type === 'FeatureCollection') {
                source.addFeatures(format.readFeatures(collection, {
                    dataProjection: 'EPSG:4326',
                    featureProjection: 'EPSG:3857'
                }));
            }
        }).catch(function() {
            // No background: the widget still draws and edits.
        });
        return new ol.layer.Vector({source: source, style: contextStyle});
    }

    function start(wrapper) {
        const options = JSON.parse(document.getElementById(wrapper.dataset.makonMap).textContent);
        options.base_layer = contextLayer(options.context_url);
        const widget = new MapWidget(options);
        widget.map.addControl(new ol.control.ScaleLine());
        // MapWidget stops at 1 m per pixel, which leaves a house plot a few pixels wide.
        const extent = ol.extent.createEmpty();
        widget.featureOverlay.getSource().getFeatures().forEach(function(feature) {
            ol.extent.extend(extent, feature.getGeometry().getExtent());
        });
        if (!ol.extent.isEmpty(extent)) {
            widget.map.getView().fit(extent, {padding: [40, 40, 40, 40], maxZoom: 20});
        }
        if (options.read_only) {
            widget.map.removeInteraction(widget.interactions.draw);
            widget.map.removeInteraction(widget.interactions.modify);
        }
        window[options.module] = widget;
    }

    function startAll() {
        document.querySelectorAll('[data-makon-map]').forEach(function(wrapper) {
            if (!wrapper.dataset.makonStarted) {
                wrapper.dataset.makonStarted = 'yes';
                start(wrapper);
            }
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', startAll);
    } else {
        startAll();
    }
})();
