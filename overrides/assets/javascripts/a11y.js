// Material's search panel is a dialog without a name; screen readers announce it as "dialog".
document$.subscribe(function () {
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
});
