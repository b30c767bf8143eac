/*
 * lecture-utils-a11y: a JupyterLab front-end extension, in plain JavaScript, that names
 * ipywidgets' slider handles for screen readers.
 *
 * Why: ipywidgets 8 draws every slider with noUiSlider and passes it no handleAttributes, so
 * the focusable handle (role="slider") has no accessible name: a screen reader says "slider,
 * 1.2" and never "slope a". The visible label sits beside it, unconnected. This extension
 * connects them: the handle gets aria-labelledby pointing at the slider's own label, and its
 * aria-valuetext becomes the readout the student sees (noUiSlider announces its internal
 * number instead: the exponent of a FloatLogSlider, the index of a SelectionSlider).
 *
 * It works on the page, not on the kernel, so every ipywidgets slider in the notebook is
 * named, the course's or not. pip installs it with lecture_utils (pyproject.toml's
 * data-files) into share/jupyter/labextensions/lecture-utils-a11y, where JupyterLab,
 * Notebook 7 and Voila load it; `jupyter labextension list` shows it. Colab and VS Code do
 * not load JupyterLab extensions (README, "Accessibility").
 *
 * No build step: this file is the federated module itself. JupyterLab's loader runs it,
 * calls _JUPYTERLAB[name].init(shareScope) (it shares no packages), then
 * .get('./extension') and activates the plugin that module exports.
 */
(function () {
  'use strict';

  var NAME = 'lecture-utils-a11y';
  var SLIDER = '.widget-slider';  // ipywidgets' slider box: label, noUiSlider, readout
  var serial = 0;

  function setAttribute(el, name, value) {
    if (value === null) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else if (el.getAttribute(name) !== value) {
      // Only on change: the observer below sees its own writes, and must come to rest.
      el.setAttribute(name, value);
    }
  }

  function childOf(box, selector) {
    for (var i = 0; i < box.children.length; i++) {
      if (box.children[i].matches(selector)) return box.children[i];
    }
    return null;
  }

  // A slider without a description is named by its tooltip, which ipywidgets puts on the
  // (hidden) label or on the box; with no tooltip it writes the string "null" there.
  function tooltip(box, label) {
    var tips = [label && label.getAttribute('title'), box.getAttribute('title')];
    for (var i = 0; i < tips.length; i++) {
      var tip = (tips[i] || '').trim();
      if (tip && tip !== 'null' && tip !== 'undefined') return tip;
    }
    return '';
  }

  function nameSlider(box) {
    var handles = box.querySelectorAll('.noUi-handle');
    if (!handles.length) return;
    var label = childOf(box, '.widget-label');
    var text = label ? label.textContent.trim() : '';
    var readout = childOf(box, '.widget-readout');
    var shown = readout ? readout.textContent.trim() : '';
    if (text && !label.id) label.id = NAME + '-label-' + (++serial);
    for (var i = 0; i < handles.length; i++) {
      var handle = handles[i];
      var end = handles.length > 1 ? (i === 0 ? ' (lower end)' : ' (upper end)') : '';
      if (text && !end) {
        // Referencing the label keeps the name in step when the description changes.
        setAttribute(handle, 'aria-labelledby', label.id);
        setAttribute(handle, 'aria-label', null);
      } else {
        setAttribute(handle, 'aria-labelledby', null);
        setAttribute(handle, 'aria-label', (text || tooltip(box, label) || 'slider') + end);
      }
      // A range slider's readout shows both ends; noUiSlider's own text is right there.
      if (shown && handles.length === 1) setAttribute(handle, 'aria-valuetext', shown);
    }
  }

  function sliderOf(node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    return el && el.closest ? el.closest(SLIDER) : null;
  }

  function activate() {
    document.querySelectorAll(SLIDER).forEach(nameSlider);
    var observer = new MutationObserver(function (records) {
      var boxes = new Set();
      records.forEach(function (record) {
        var box = sliderOf(record.target);
        if (box) boxes.add(box);
        record.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) return;
          if (node.matches(SLIDER)) boxes.add(node);
          node.querySelectorAll(SLIDER).forEach(function (b) { boxes.add(b); });
        });
      });
      boxes.forEach(nameSlider);
    });
    // New sliders (outputs, re-rendered cells), new handles (a slider rebuilt when its range
    // changes), label and readout text, and noUiSlider rewriting aria-valuetext on a move.
    observer.observe(document.body, {
      subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: ['aria-valuetext']
    });
  }

  var plugin = {
    id: NAME + ':plugin',
    description: "Names ipywidgets' slider handles after their labels, for screen readers.",
    autoStart: true,
    activate: activate
  };

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function () { return Promise.resolve(); },
    get: function (request) {
      if (request !== './extension') {
        return Promise.reject(new Error(NAME + ' has no module ' + request));
      }
      return Promise.resolve(function () { return { __esModule: true, 'default': plugin }; });
    }
  };
})();
