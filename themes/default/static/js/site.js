/* mekong default theme: small enhancements only; every page works without this file.
   - text-size control (A− A A+): sets --text-scale on <html>, remembered in localStorage
   - today's date in the top strip, in the page's language
   - print button on articles
   - the current section scrolled into view in the phone's section bar
   - the search index fetched on the first focus of the header's search box, so that
     the first search is quick and nothing of it is downloaded before */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "mekong-text-scale";
  var STEPS = [0.875, 1, 1.125, 1.25, 1.375];
  var index = 1;

  function load() {
    try {
      var i = STEPS.indexOf(parseFloat(localStorage.getItem(KEY)));
      if (i >= 0) index = i;
    } catch (e) { /* storage may be blocked */ }
  }

  function apply(save) {
    root.style.setProperty("--text-scale", String(STEPS[index]));
    var buttons = document.querySelectorAll("[data-textsize] button");
    for (var b = 0; b < buttons.length; b++) {
      var kind = buttons[b].getAttribute("data-size");
      buttons[b].disabled = (kind === "smaller" && index === 0) ||
        (kind === "larger" && index === STEPS.length - 1);
      if (kind === "default") buttons[b].setAttribute("aria-pressed", String(index === 1));
    }
    if (save) {
      try {
        if (index === 1) localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, String(STEPS[index]));
      } catch (e) { /* ignore */ }
    }
  }

  // Today's date written like the engine's `date` filter writes dates. Browsers often
  // ship no Lao locale data, so Lao names are spelled out here.
  var LO_DAYS = ["ວັນອາທິດ", "ວັນຈັນ", "ວັນອັງຄານ", "ວັນພຸດ", "ວັນພະຫັດ", "ວັນສຸກ", "ວັນເສົາ"];
  var LO_MONTHS = ["ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ", "ກໍລະກົດ", "ສິງຫາ", "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ"];
  function todayText(lang, d) {
    if (lang === "lo") {
      return LO_DAYS[d.getDay()] + ", " + d.getDate() + " " + LO_MONTHS[d.getMonth()] + " " + d.getFullYear();
    }
    if (!window.Intl || !Intl.DateTimeFormat) return "";
    try {
      if (lang === "vi") {
        return new Intl.DateTimeFormat("vi", { weekday: "long", day: "2-digit", month: "2-digit", year: "numeric" }).format(d);
      }
      if (lang === "en") {
        var wd = new Intl.DateTimeFormat("en-GB", { weekday: "long" }).format(d);
        return wd + ", " + new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" }).format(d);
      }
      if (Intl.DateTimeFormat.supportedLocalesOf([lang]).length) {
        return new Intl.DateTimeFormat(lang, { dateStyle: "full" }).format(d);
      }
    } catch (e) { /* fall through */ }
    return "";
  }

  load();
  if (index !== 1) root.style.setProperty("--text-scale", String(STEPS[index]));

  function init() {
    var groups = document.querySelectorAll("[data-textsize]");
    for (var g = 0; g < groups.length; g++) {
      groups[g].hidden = false;
      groups[g].addEventListener("click", function (ev) {
        var btn = ev.target.closest ? ev.target.closest("button[data-size]") : null;
        if (!btn) return;
        var kind = btn.getAttribute("data-size");
        if (kind === "smaller" && index > 0) index--;
        else if (kind === "larger" && index < STEPS.length - 1) index++;
        else if (kind === "default") index = 1;
        apply(true);
      });
    }
    apply(false);

    var today = document.querySelector("[data-today]");
    if (today) {
      var text = todayText(root.lang || "vi", new Date());
      if (text) { today.textContent = text; today.hidden = false; }
    }

    // On phones the section bar scrolls sideways: bring the current section into view.
    var list = document.querySelector(".nav-list");
    var current = list && list.querySelector("[aria-current]");
    if (current && list.scrollWidth > list.clientWidth) {
      list.scrollLeft = current.parentNode.offsetLeft - list.offsetLeft - 16;
    }

    // Nothing under the index's folder is requested until a reader starts to search.
    var searchForms = document.querySelectorAll("form[data-search-bundle]");
    var searchLoaded = false;
    function preloadSearch(ev) {
      if (searchLoaded) return;
      searchLoaded = true;
      var bundle = ev.currentTarget.form.getAttribute("data-search-bundle");
      import(bundle + "pagefind.js")
        .then(function (pagefind) { return pagefind.init(); })
        .catch(function () { searchLoaded = false; });
    }
    for (var f = 0; f < searchForms.length; f++) {
      var box = searchForms[f].querySelector("input[name=q]");
      if (box) box.addEventListener("focus", preloadSearch);
    }

    var prints = document.querySelectorAll("[data-print]");
    for (var p = 0; p < prints.length; p++) {
      prints[p].hidden = false;
      prints[p].addEventListener("click", function () { window.print(); });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
