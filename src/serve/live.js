// mekong serve: reloads this tab after a rebuild that changed it, swaps stylesheets
// when only CSS changed, and shows build errors over the page until they are fixed.
(function () {
  "use strict";
  var KEY = "mekong-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var restore = function () { window.scrollTo(0, parseInt(saved, 10) || 0); };
    if (document.readyState === "complete") { restore(); } else { window.addEventListener("load", restore); }
  }

  function overlay(html) {
    var box = document.getElementById("mekong-overlay");
    if (!html) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "mekong-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,24,.94);color:#f5f5f5;padding:2rem;font:14px/1.5 ui-monospace,monospace";
      document.body.appendChild(box);
    }
    box.innerHTML = html;
  }

  function swapStyles() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("mekong", Date.now().toString());
      links[i].href = url.toString();
    }
  }

  function reload() {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  }

  var delay = 250;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/__mekong/ws");
    socket.onopen = function () { delay = 250; };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type === "error") {
        overlay(message.html);
      } else if (message.type === "built") {
        overlay(null);
        if (message.css_only) { swapStyles(); return; }
        var here = location.pathname;
        var changed = message.paths || [];
        for (var i = 0; i < changed.length; i++) {
          if (changed[i] === here || changed[i] + "index.html" === here) { reload(); return; }
        }
      }
    };
    socket.onclose = function () {
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 4000);
    };
  }
  connect();
})();
