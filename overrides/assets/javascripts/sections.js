// Record pages are outside the nav tree, so Material marks no item of the menu as current on them.
// The tabs do mark the page's section (overrides/partials/tabs-item.html); the menu, which is all a
// phone shows, gets the same mark. Runs on every page Material's instant navigation swaps in.
document$.subscribe(function () {
  var tab = document.querySelector(".md-tabs__item--active > a.md-tabs__link");
  var menu = document.querySelector(".md-nav--primary");
  if (!tab || !menu || menu.querySelector(".md-nav__link--active")) return;
  var section = new URL(tab.href, window.location.href).pathname;
  menu.querySelectorAll(":scope > .md-nav__list > .md-nav__item > a.md-nav__link").forEach(function (link) {
    if (new URL(link.href, window.location.href).pathname !== section) return;
    link.classList.add("md-nav__link--active");
    link.setAttribute("aria-current", "true");
  });
});
